#!/usr/bin/env bash
# smoke.sh — `make windows-test`: runs dist/scitech.exe under Wine in a throwaway prefix and checks what a
# bureau's IT would: the exe's subsystem, manifest and version info; `version`, an unknown sub-command (also
# through cmd's `start /wait`, where the output reaches the console only by AttachConsole), `demo`
# (twice: the second is refused), `stats` redirected to a file, and the work brief as a PDF (pages, text,
# rendering), each with its exit code. When dist/scitech-setup-VERSION.exe is there, it is installed silently,
# its files, shortcuts and Apps & features keys are checked, the installed program makes a database in
# %APPDATA%\scitech, and the silent uninstall is checked to leave that database in place.
# Builds the exe first (make windows) when it is missing or older than the sources. Needs wine; not part of
# make test. Leaves nothing behind outside /tmp (HOME is redirected too: Wine links the Desktop to it).
set -uo pipefail
cd "$(dirname "$0")/../.."
VERSION=${VERSION:-$(sed -n 's/^VERSION *:= *//p' Makefile)}
exe=dist/scitech.exe
setup=dist/scitech-setup-$VERSION.exe
name_zh=旅顺口区科技服务平台

fail() { echo "windows-test: FAIL: $*" >&2; exit 1; }
ok() { echo "ok    $*"; }
since() { awk -v t0="$1" -v t1="$(date +%s.%N)" 'BEGIN { printf "%.1f", t1 - t0 }'; }

command -v wine >/dev/null ||
  { echo "windows-test: wine is not installed (apt-get install wine wine64); nothing was tested" >&2; exit 1; }
for tool in pdfinfo pdftotext pdftoppm python3 x86_64-w64-mingw32-gcc; do
  command -v $tool >/dev/null || fail "$tool is missing (poppler-utils, python3, gcc-mingw-w64-x86-64)"
done

if [ ! -e $exe ] || [ -n "$(find cmd app data reports assets go.mod go.sum Makefile -newer $exe -print -quit)" ]; then
  echo "building $exe (make windows)"
  make --no-print-directory windows >/dev/null || fail "make windows"
fi

# The exe as Windows sees it, read from its PE headers and resources.
info=$(python3 packaging/windows/peinfo.py $exe) || fail "cannot read $exe"
grep -qx $'subsystem\t2' <<<"$info" || fail "$exe is not a GUI-subsystem program"
for want in PerMonitorV2 'true/pm' asInvoker '<activeCodePage[^>]*>UTF-8<' Microsoft.Windows.Common-Controls \
  '8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a'; do
  grep '^manifest' <<<"$info" | grep -q -- "$want" || fail "the manifest lacks $want"
done
for want in "ProductVersion"$'\t'"$VERSION" "CompanyName"$'\t'"大连市旅顺口区科学技术局" "ProductName"$'\t'"$name_zh" \
  "CompanyName"$'\t'"Science and Technology Bureau of Lushunkou District"; do
  grep -q -- "$want" <<<"$info" || fail "the version info lacks $want"
done
grep -qv $'^icon\t0$' <<<"$info" || fail "$exe has no icon"
ok "exe: GUI subsystem, manifest (PerMonitorV2, asInvoker, UTF-8, Common Controls 6, Windows 10/11), version $VERSION, icon"

tmp=$(mktemp -d /tmp/scitech-wine-test.XXXXXX)
export WINEPREFIX=$tmp/prefix HOME=$tmp/home WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=,winemenubuilder.exe=d" # no Mono/Gecko prompts, no Linux menu entries
mkdir -p "$HOME"
cleanup() { wineserver -k 2>/dev/null; [ -n "${KEEP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"; }
trap cleanup EXIT

start=$(date +%s.%N)
wine wineboot --init >/dev/null 2>&1 || fail "wineboot --init in $WINEPREFIX"
wineserver -w
echo "ok    a fresh Wine prefix ($(wine --version)) in $(since "$start") s"

# Go's runtime needs ProcessPrng from bcryptprimitives.dll: every Windows 10/11 has it, Wine only from 8.13.
wv=$(wine --version | sed -E 's/^wine-([0-9]+)\.([0-9]+).*/\1 \2/')
read -r wmaj wmin <<<"$wv"
if [ "$wmaj" -lt 8 ] || { [ "$wmaj" -eq 8 ] && [ "$wmin" -lt 13 ]; }; then
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    packaging/windows/wine-shim/bcryptprimitives.c -ladvapi32 || fail "building the bcryptprimitives stand-in"
  echo "note  Wine before 8.13 lacks bcryptprimitives.dll: a stand-in (wine-shim/) is in this prefix only"
fi

# check NAME WANT_CODE CMD… runs a command under Wine with stdout and stderr to files and checks its exit code.
out=$tmp/out err=$tmp/err
check() {
  local what=$1 want=$2 t0 code
  shift 2
  t0=$(date +%s.%N)
  wine "$@" >"$out" 2>"$err"
  code=$?
  if [ $code -ne "$want" ]; then
    echo "--- stdout:"; cat "$out"; echo "--- stderr:"; cat "$err"
    fail "$what: exit $code, want $want"
  fi
  printf 'ok    %-44s exit %d  %5s s\n' "$what" $code "$(since "$t0")"
}
win() { winepath -w "$1" 2>/dev/null; }

check "scitech.exe version" 0 $exe version
grep -qx "scitech $VERSION" "$out" || fail "version printed $(cat "$out")"
check "scitech.exe nonsense (usage error)" 2 $exe nonsense
grep -q "usage" "$err" || fail "no usage on stderr for an unknown sub-command"

# The console path: cmd's `start /wait` gives a GUI-subsystem program no standard handles (Wine then behaves as
# Windows does), so the output reaches the console only through AttachConsole. `script` gives cmd a terminal.
if command -v script >/dev/null; then
  exew=$(win "$PWD/$exe")
  for c in "version:0:scitech $VERSION" "nonsense:2:usage"; do
    IFS=: read -r sub want text <<<"$c"
    got=$(timeout 120 script -qec "wine cmd /c \"start /wait $exew $sub & echo rc=%ERRORLEVEL%\"" /dev/null |
      tr -d '\r' | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g')
    grep -q "$text" <<<"$got" && grep -qx "rc=$want" <<<"$got" ||
      fail "start /wait scitech.exe $sub in cmd printed: $got"
    ok "$(printf '%-44s' "cmd: start /wait scitech.exe $sub") exit $want in %ERRORLEVEL%, output on the console"
  done
else
  echo "skip  the console check: no script(1) (bsdutils)"
fi

db=$(win "$tmp/x.db")
check "scitech.exe demo --db $db" 0 $exe demo --db "$db"
grep -q "示例数据已载入" "$out" || fail "demo printed: $(cat "$out" "$err")"
check "scitech.exe demo again (refused)" 1 $exe demo --db "$db"
[ -s "$err" ] || fail "the refused demo said nothing on stderr"
check "scitech.exe stats --year 2025 > stats.txt" 0 $exe stats --year 2025 --db "$db"
grep -qx $'output_yuan\t4745000000' "$out" && grep -qx $'patents_valid\t206' "$out" ||
  fail "stats: $(head -3 "$out")"

pdf=$tmp/out.pdf
check "scitech.exe brief work --year 2025 --pdf" 0 $exe brief work --year 2025 --pdf "$(win "$pdf")" --db "$db"
pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 2 ] || fail "the brief has ${pages:-no} pages"
text=$(pdftotext "$pdf" -) || fail "pdftotext"
grep -q "科技工作简报" <<<"$text" && grep -q "47.45" <<<"$text" || fail "the brief lacks its title or 47.45 亿元"
pdftoppm -r 40 -png "$pdf" "$tmp/page" || fail "pdftoppm"
[ "$(ls "$tmp"/page*.png | wc -l)" -eq "$pages" ] || fail "not every page rendered"
ok "the brief: $pages pages, 科技工作简报 and 47.45 in its text, every page renders"

if [ ! -e "$setup" ]; then
  echo "skip  the installer: there is no $setup (make installer)"
  exit 0
fi
[ "$setup" -ot $exe ] && echo "note  $setup is older than $exe: it is tested as it is"

appdata=$(wine cmd /c echo %APPDATA% | tr -d '\r')
local_=$(wine cmd /c echo %LOCALAPPDATA% | tr -d '\r')
profile=$(wine cmd /c echo %USERPROFILE% | tr -d '\r')
inst=$(winepath -u "$local_\\Programs\\scitech")
startmenu=$(winepath -u "$appdata\\Microsoft\\Windows\\Start Menu\\Programs")
desktop=$(winepath -u "$profile\\Desktop")
data=$(winepath -u "$appdata\\scitech")
key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\scitech'

check "$setup /S" 0 "$setup" /S
[ -x "$inst/scitech.exe" ] && [ -e "$inst/uninstall.exe" ] || fail "not installed in $inst: $(ls "$inst" 2>&1)"
[ -e "$startmenu/$name_zh.lnk" ] || fail "no Start-menu shortcut in $startmenu"
[ -e "$desktop/$name_zh.lnk" ] || fail "no desktop shortcut in $desktop"
ok "installed in $local_\\Programs\\scitech, shortcuts $name_zh.lnk in the Start menu and on the desktop"
signed() { osslsigncode extract-signature -in "$1" -out "$tmp/sig.der" >/dev/null 2>&1; local r=$?; rm -f "$tmp/sig.der"; return $r; }
if command -v osslsigncode >/dev/null && signed "$setup"; then
  signed "$inst/scitech.exe" && signed "$inst/uninstall.exe" || fail "the installer is signed, but not what it installed"
  ok "signed: the installer, the scitech.exe and the uninstall.exe it installed (not checked against a trusted root)"
fi
# reg export writes UTF-16 (reg query would print the Chinese names in the prefix's ANSI code page).
wine reg export "$key" "$(win "$tmp/key.reg")" /y >/dev/null 2>&1 || fail "no $key"
iconv -f UTF-16 -t UTF-8 "$tmp/key.reg" | tr -d '\r' >"$out"
for v in DisplayName DisplayVersion Publisher DisplayIcon UninstallString QuietUninstallString InstallLocation \
  EstimatedSize NoModify NoRepair; do
  grep -q "^\"$v\"=" "$out" || fail "$key has no $v"
done
grep -qx "\"DisplayVersion\"=\"$VERSION\"" "$out" && grep -qx "\"DisplayName\"=\"$name_zh\"" "$out" &&
  grep -qx '"Publisher"="大连市旅顺口区科学技术局"' "$out" || fail "$key: $(cat "$out")"
ok "Apps & features: $(grep -E '^"(DisplayName|DisplayVersion|Publisher|EstimatedSize)"' "$out" | tr '\n' ' ')"

check "installed scitech.exe version" 0 "$inst/scitech.exe" version
grep -qx "scitech $VERSION" "$out" || fail "the installed program is $(cat "$out")"
check "installed scitech.exe demo (default database)" 0 "$inst/scitech.exe" demo
[ -s "$data/scitech.db" ] || fail "no database in $appdata\\scitech"
uninstall=$inst/uninstall.exe
check "uninstall.exe /S" 0 "$uninstall" /S
for _ in $(seq 60); do [ -e "$inst/scitech.exe" ] || break; sleep 0.5; done # it runs on from a copy in %TEMP%
wineserver -w
[ ! -e "$inst/scitech.exe" ] && [ ! -e "$startmenu/$name_zh.lnk" ] && [ ! -e "$desktop/$name_zh.lnk" ] ||
  fail "the uninstaller left the program or a shortcut"
! wine reg query "$key" >/dev/null 2>&1 || fail "the uninstaller left $key"
[ -s "$data/scitech.db" ] || fail "the uninstaller removed the user's database"
ok "uninstalled: program, shortcuts and key gone; $appdata\\scitech\\scitech.db kept"
