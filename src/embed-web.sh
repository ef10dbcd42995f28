#!/bin/sh
# Writes C source embedding every file of the folder $1 (templates, CSS,
# icons) as byte arrays with a table of names: see web_file() in html.h.
set -eu
dir=$1
files=$(find "$dir" -maxdepth 1 -type f ! -name '.*' | LC_ALL=C sort)
echo '#include <stddef.h>'
echo 'struct WebFile { const char *zName; const unsigned char *p; size_t n; };'
table=""
i=0
for f in $files; do
  echo "static const unsigned char web_$i[] = {"
  od -An -v -tx1 "$f" | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'
  echo "0 };"
  table="$table  { \"$(basename "$f")\", web_$i, sizeof(web_$i)-1 },
"
  i=$((i+1))
done
echo 'const struct WebFile overleg_web_files[] = {'
printf '%s' "$table"
echo '  { 0, 0, 0 }'
echo '};'
echo "const int overleg_web_nfile = $i;"
