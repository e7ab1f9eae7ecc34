# bash completion for rung(1): the commands, each command's options, the
# values of --format and --audience, and file names where a file goes.
# Installed as share/bash-completion/completions/rung (bash-completion loads
# it on demand); without bash-completion, source it from ~/.bashrc.
# The test cli_docs fails when `rung --help` lists something missing here.

_rung() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  # --option=value: bash splits at "=" (COMP_WORDBREAKS).
  if [[ $cur == = ]]; then
    cur=""
  elif [[ $prev == = ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi

  local command="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      evaluate | batch | summarize | check-framework)
        command=${COMP_WORDS[i]}
        break
        ;;
    esac
  done

  local words="" files=""
  case $command:$prev in
    evaluate:--format) words="json text markdown html ics" ;;
    summarize:--format) words="text markdown html" ;;
    evaluate:--audience | batch:--audience) words="full employee manager committee" ;;
    batch:--threads | batch:--window-mib | check-framework:--as-of) ;;  # a number or a date
    evaluate:--framework | batch:--framework) files=1 ;;
    *)
      case $command in
        "") words="evaluate batch summarize check-framework -h --help -V --version" ;;
        evaluate) words="-h --help --framework --format --audience" ;;
        batch) words="-h --help --framework --threads --progress --no-progress --window-mib --audience" ;;
        summarize) words="-h --help --format" ;;
        check-framework) words="-h --help --as-of" ;;
      esac
      # Past the options, a command takes files (and - for standard input).
      if [[ -n $command && $cur != -* ]]; then
        words=""
        files=1
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
