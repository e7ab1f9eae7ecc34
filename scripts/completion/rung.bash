# SPDX-License-Identifier: MIT
# bash completion for rung(1): the commands, each command's options, the
# values of --format, --audience and --gate, the schema names and import
# formats, and file names where a file goes.
# Installed as share/bash-completion/completions/rung (bash-completion loads
# it on demand); without bash-completion, source it from ~/.bashrc.
# The test cli_docs fails when `rung --help` lists something missing here.

_rung() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  # --option=value: bash splits at "=" (COMP_WORDBREAKS).
  # After `--gate LEVEL=`, prev is "--gate=" (the gate comes next).
  if [[ $cur == = ]]; then
    cur=""
    [[ ${COMP_WORDS[COMP_CWORD - 2]} == --gate ]] && prev=--gate=
  elif [[ $prev == = ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
    [[ ${COMP_WORDS[COMP_CWORD - 3]} == --gate ]] && prev=--gate=
  fi

  local command="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      evaluate | batch | summarize | check-framework | schema | import)
        command=${COMP_WORDS[i]}
        break
        ;;
    esac
  done

  local words="" files=""
  case $command:$prev in
    evaluate:--format) words="json text markdown html ics" ;;
    summarize:--format) words="text markdown html json" ;;
    check-framework:--format) words="text json" ;;
    evaluate:--audience | batch:--audience) words="full employee manager committee" ;;
    import:--gate=) words="open application vacancy" ;;
    batch:--threads | batch:--window-mib | check-framework:--as-of) ;;  # a number or a date
    import:--id | import:--gate) ;;                                      # an id, or LEVEL=GATE
    evaluate:--framework | batch:--framework) files=1 ;;
    *)
      case $command in
        "") words="evaluate batch summarize check-framework schema import -h --help -V --version" ;;
        evaluate) words="-h --help --framework --format --audience --strict" ;;
        batch) words="-h --help --framework --threads --progress --no-progress --window-mib --audience --strict" ;;
        summarize) words="-h --help --format" ;;
        check-framework) words="-h --help --as-of --format --strict" ;;
        schema) words="-h --help" ;;
        import) words="-h --help --id --gate" ;;
      esac
      # Past the options: one schema name; import's format, then its file;
      # files (and - for standard input) for the other commands.
      if [[ -n $command && $cur != -* ]]; then
        words=""
        case $command in
          schema) ((COMP_CWORD == i + 1)) && words="framework/1 framework/2 case/1 case/2 report/1 report/2 error/1" ;;
          import)
            words="ft monzo"
            for ((i++; i < COMP_CWORD; i++)); do
              [[ ${COMP_WORDS[i]} == ft || ${COMP_WORDS[i]} == monzo ]] && words=""
            done
            [[ -z $words ]] && files=1
            ;;
          *) files=1 ;;
        esac
      fi
      ;;
  esac
  COMPREPLY=()
  if [[ -n $files ]]; then
    compopt -o filenames 2>/dev/null
    local IFS=$'\n'
    COMPREPLY=($(compgen -f -- "$cur"))
  elif [[ -n $words ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  fi
}
complete -F _rung rung
