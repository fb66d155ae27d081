#!/usr/bin/env bash
# Installs Sonae's .deb the way a user would (apt install ./file.deb), checks what it installed
# (dpkg -L, desktop-file-validate), starts the installed app the way the desktop menu does (the
# Exec line of the installed desktop entry, field codes removed) for a new user under Xvfb, saves
# a screenshot to docs/screenshots/installed-app.png and removes the package again.
#
# Needs root (apt): run it on a disposable machine. Usage: scripts/package-check.sh DEB_DIR|FILE.deb
set -euo pipefail

cd "$(dirname "$0")/.."
if [ -d "${1:?usage: $0 DEB_DIR|FILE.deb}" ]; then
	deb=$(ls -t "$1"/*.deb | head -n 1)
else
	deb=$1
fi
deb=$(realpath "$deb")
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
screenshot=docs/screenshots/installed-app.png

# The tools of the check itself (not of the app: those come from the package's Depends).
tools=(desktop-file-utils imagemagick x11-utils xvfb xauth)
missing=$(for p in "${tools[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done)
if [ -n "$missing" ]; then
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

package=$(dpkg-deb -f "$deb" Package)
echo "== $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb -f "$deb" Package Version Architecture Installed-Size Depends Section Description | sed 's/^/   /'

echo "== apt install $deb"
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "$deb" | grep -v "^(Reading database"
workdir=$(mktemp -d)
app_pid=""
cleanup() {
	[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
	echo "== apt remove $package"
	DEBIAN_FRONTEND=noninteractive $sudo apt-get remove -y -q "$package" >/dev/null
	rm -rf "$workdir"
}
trap cleanup EXIT

echo "== dpkg -L $package"
dpkg -L "$package" | sed 's/^/   /'
desktop=$(dpkg -L "$package" | grep '^/usr/share/applications/.*\.desktop$' | head -n 1)
echo "== desktop-file-validate $desktop"
desktop-file-validate "$desktop"
echo "   valid"
sed 's/^/   /' "$desktop"

# The menu runs Exec with its field codes (%f, %U …) replaced; with no file given they vanish.
exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -n 1 | sed -E 's/ ?%[fFuUdDnNickvm]//g')
binary=$(command -v "${exec_line%% *}")
echo "== starting \"$exec_line\" ($binary, $(du -h "$binary" | cut -f1)) for a new user under Xvfb"

# A new user: an empty home, so the app creates its default company file.
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME
export HOME=$workdir/home
mkdir -p "$HOME"
export EXEC_LINE=$exec_line SHOT=$workdir/shot.png
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
	set -u
	sh -c "exec $EXEC_LINE" >"$HOME/app.log" 2>&1 &
	app=$!
	for _ in $(seq 1 100); do
		xwininfo -root -tree | grep -q "\"Sonae —" && break
		sleep 0.1
	done
	xwininfo -root -tree | grep "\"Sonae —" | sed "s/^ */   window: /" | head -n 1
	id=$(xwininfo -root -tree | grep "\"Sonae —" | head -n 1 | awk "{print \$1}")
	[ -n "$id" ] && xprop -id "$id" WM_CLASS | sed "s/^/   /"
	sleep 4   # the webview paints the home screen
	import -window root "$SHOT"
	kill $app; wait $app 2>/dev/null
	true
'
[ -s "$workdir/shot.png" ] || { echo "no screenshot"; cat "$HOME/app.log"; exit 1; }
ls "$HOME/.local/share/sonae/" | sed 's/^/   created for the new user: /'
mkdir -p "$(dirname "$screenshot")"
cp "$workdir/shot.png" "$screenshot"
echo "== screenshot: $screenshot"
