# Writes OUTPUT, a C++ file with the rule set in RULES_DIR as the engine loads it (declared in
# cpp/engine/embedded_rules.h): manifest.json and the files it lists, keyed by their path inside RULES_DIR, with line
# breaks and indentation removed. LOCALES says which locale files go in:
#   default  what the engine ships: only the manifest's default_locale; embedded_rule_files() holds the files and
#            embedded_locale_sha256() the SHA-256 of every other locale's text (as embedded here), which the engine
#            checks when a page adds that locale (add_locale in engine.h). Locales come on demand because a page
#            shows one: the Spanish texts were a third of the gzipped rules in every download.
#   all      every file, as all_rule_files(): for the build's fingerprint tool and the rules fuzzer.
# Run as `cmake -DRULES_DIR=... -DOUTPUT=... -DLOCALES=default|all -P embed_rules.cmake`.
# Any problem (unreadable manifest, missing file, a path leaving the folder) fails the build with a message.
cmake_minimum_required(VERSION 3.20)

foreach(required RULES_DIR OUTPUT LOCALES)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "embed_rules.cmake: -D${required}=... is required")
  endif()
endforeach()

if(NOT LOCALES MATCHES "^(default|all)$")
  message(FATAL_ERROR "embed_rules.cmake: -DLOCALES must be default or all, not ${LOCALES}")
endif()

# Texts go into raw string literals; this terminator must not occur in any file.
set(delimiter "rootcheck_rules")
set(terminator ")${delimiter}\"")

set(manifest_path "${RULES_DIR}/manifest.json")
if(NOT EXISTS "${manifest_path}")
  message(FATAL_ERROR "embed_rules.cmake: ${manifest_path} does not exist")
endif()
file(READ "${manifest_path}" manifest)

string(JSON default_locale ERROR_VARIABLE json_error GET "${manifest}" default_locale)
if(json_error)
  message(FATAL_ERROR "embed_rules.cmake: ${manifest_path}: no \"default_locale\" (${json_error})")
endif()

set(paths "manifest.json")
set(deferred_locales "")  # "<locale>=<path>" for each locale left out (LOCALES=default)
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
      if(group STREQUAL "locales" AND LOCALES STREQUAL "default" AND NOT key STREQUAL default_locale)
        list(APPEND deferred_locales "${key}=${path}")
      else()
        list(APPEND paths "${path}")
      endif()
    endforeach()
  endif()
endforeach()
list(REMOVE_DUPLICATES paths)
list(SORT paths)

# The text of rule file `path` as embedded, in `out`.
function(read_rule_file path out)
  set(full "${RULES_DIR}/${path}")
  if(NOT EXISTS "${full}" OR IS_DIRECTORY "${full}")
    message(FATAL_ERROR "embed_rules.cmake: ${manifest_path} lists \"${path}\", but ${full} is not a file")
  endif()
  file(READ "${full}" text)
  # Drop each line break and the indentation after it: JSON strings cannot hold a raw line break, so this never
  # touches a string, and it takes about a tenth off the embedded text. The rule set's SHA-256 is taken over its
  # canonical form (rules/README.md), so it does not change. web/tools/locale-files.mjs and the engine's add_locale
  # drop them the same way.
  string(REGEX REPLACE "[\r\n][\r\n\t ]*" "" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# The engine's files are string_view literals (RuleFileViews: read where they lie); the tools' are strings they may
# edit (RuleFiles).
if(LOCALES STREQUAL "all")
  set(function "all_rule_files")
  set(type "RuleFiles")
  set(suffix "")
else()
  set(function "embedded_rule_files")
  set(type "RuleFileViews")
  set(suffix "sv")
endif()
set(code "// Generated from rules/manifest.json by cpp/embed_rules.cmake at build time. Do not edit.\n")
string(APPEND code "#include \"engine/embedded_rules.h\"\n\n")
string(APPEND code "namespace rootcheck {\n\nusing namespace std::string_view_literals;\n\n")
string(APPEND code "const ${type}& ${function}() {\n")
string(APPEND code "    static const ${type} files = {\n")
foreach(path IN LISTS paths)
  read_rule_file("${path}" text)
  string(FIND "${text}" "${terminator}" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR
      "embed_rules.cmake: ${RULES_DIR}/${path} contains ${terminator}, which ends a raw string literal")
  endif()
  string(APPEND code "        {\"${path}\"${suffix}, R\"${delimiter}(${text})${delimiter}\"${suffix}},\n")
endforeach()
string(APPEND code "    };\n    return files;\n}\n")
if(LOCALES STREQUAL "default")
  string(APPEND code "\nconst std::map<std::string, std::string>& embedded_locale_sha256() {\n")
  string(APPEND code "    static const std::map<std::string, std::string> digests = {\n")
  foreach(entry IN LISTS deferred_locales)
    string(REGEX MATCH "^([^=]*)=(.*)$" matched "${entry}")
    read_rule_file("${CMAKE_MATCH_2}" text)
    string(SHA256 digest "${text}")
    string(APPEND code "        {\"${CMAKE_MATCH_1}\", \"${digest}\"},\n")
  endforeach()
  string(APPEND code "    };\n    return digests;\n}\n")
endif()
string(APPEND code "\n}  // namespace rootcheck\n")

# Rewrite only on change: a touched but unchanged rule file then recompiles nothing.
file(WRITE "${OUTPUT}.tmp" "${code}")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
