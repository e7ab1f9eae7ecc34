// SPDX-License-Identifier: MIT
// Boost.JSON's implementation, compiled into the copies of librung and rung
// that the Python wheel carries, so that they need no libboost_json.so.
#include <boost/json/src.hpp>
