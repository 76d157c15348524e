# Writes OUTPUT, a C++ file defining rootcheck::embedded_rule_files() (cpp/engine/embedded_rules.h): the rule set in
# RULES_DIR as the engine loads it, i.e. manifest.json plus every file the manifest lists under "files" and
# "locales", keyed by its path inside RULES_DIR, with line breaks and indentation removed. Run as
# `cmake -DRULES_DIR=... -DOUTPUT=... -P embed_rules.cmake`.
# Any problem (unreadable manifest, missing file, a path leaving the folder) fails the build with a message.
cmake_minimum_required(VERSION 3.20)

foreach(required RULES_DIR OUTPUT)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "embed_rules.cmake: -D${required}=... is required")
  endif()
endforeach()

# Texts go into raw string literals; this terminator must not occur in any file.
set(delimiter "rootcheck_rules")
set(terminator ")${delimiter}\"")

set(manifest_path "${RULES_DIR}/manifest.json")
if(NOT EXISTS "${manifest_path}")
  message(FATAL_ERROR "embed_rules.cmake: ${manifest_path} does not exist")
endif()
file(READ "${manifest_path}" manifest)

set(paths "manifest.json")
foreach(group files locales)
  string(JSON group_type ERROR_VARIABLE json_error TYPE "${manifest}" ${group})
  if(json_error)
    message(FATAL_ERROR "embed_rules.cmake: ${manifest_path}: no \"${group}\" object (${json_error})")
  endif()
  if(NOT group_type STREQUAL "OBJECT")
    message(FATAL_ERROR "embed_rules.cmake: ${manifest_path}: \"${group}\" must be an object, is ${group_type}")
  endif()
  string(JSON count LENGTH "${manifest}" ${group})
  if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(index RANGE ${last})
      string(JSON key MEMBER "${manifest}" ${group} ${index})
      string(JSON path GET "${manifest}" ${group} "${key}")
      if(NOT path MATCHES "^[A-Za-z0-9_][A-Za-z0-9_./-]*$" OR path MATCHES "(^|/)\\.\\.(/|$)")
        message(FATAL_ERROR "embed_rules.cmake: ${manifest_path}: /${group}/${key}: \"${path}\" must be a relative path inside rules/ (letters, digits, _ . / -)")
      endif()
      list(APPEND paths "${path}")
    endforeach()
  endif()
endforeach()
list(REMOVE_DUPLICATES paths)
list(SORT paths)

set(code "// Generated from rules/manifest.json by cpp/embed_rules.cmake at build time. Do not edit.\n")
string(APPEND code "#include \"engine/embedded_rules.h\"\n\n")
string(APPEND code "namespace rootcheck {\n\nconst RuleFiles& embedded_rule_files() {\n")
string(APPEND code "    static const RuleFiles files = {\n")
foreach(path IN LISTS paths)
  set(full "${RULES_DIR}/${path}")
  if(NOT EXISTS "${full}" OR IS_DIRECTORY "${full}")
    message(FATAL_ERROR "embed_rules.cmake: ${manifest_path} lists \"${path}\", but ${full} is not a file")
  endif()
  file(READ "${full}" text)
  # Drop each line break and the indentation after it: JSON strings cannot hold a raw line break, so this never
  # touches a string, and it takes about a tenth off the embedded text. The rule set's SHA-256 is taken over its
  # canonical form (rules/README.md), so it does not change.
  string(REGEX REPLACE "[\r\n][\r\n\t ]*" "" text "${text}")
  string(FIND "${text}" "${terminator}" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "embed_rules.cmake: ${full} contains ${terminator}, which ends a raw string literal")
  endif()
  string(APPEND code "        {\"${path}\", R\"${delimiter}(${text})${delimiter}\"},\n")
endforeach()
string(APPEND code "    };\n    return files;\n}\n\n}  // namespace rootcheck\n")

# Rewrite only on change: a touched but unchanged rule file then recompiles nothing.
file(WRITE "${OUTPUT}.tmp" "${code}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
