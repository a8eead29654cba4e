#!/bin/bash
# Installs Sequence Maker Live as a service on Raspberry Pi OS / Debian, with the controller full screen on
# the Pi's display. Run as root from the checkout that stays installed (after `npm ci` there):
#   sudo deploy/raspberry-pi/install.sh [--kiosk-user USER | --no-kiosk] [--port P]
# Safe to run again (after an update, or to change the port): it never replaces the token in
# /etc/smlive/smlive.env. Needs no network but apt-get for the Debian packages it names when they are missing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
app_dir=$(cd "$here/../.." && pwd)
env_dir=/etc/smlive
env_file=$env_dir/smlive.env
data_dir=/var/lib/smlive
unit_file=/etc/systemd/system/smlive.service
udev_rule=/etc/udev/rules.d/99-smlive-props.rules
kiosk_bin=/usr/local/bin/smlive-kiosk
service_user=smlive
kiosk_group=smlive-kiosk
port=8080
kiosk_user=${SUDO_USER:-}
[[ $kiosk_user == root ]] && kiosk_user=

say() { echo "install.sh: $*"; }
fail() {
  echo "install.sh: $*" >&2
  exit 1
}

while (($# > 0)); do
  case $1 in
    --kiosk-user)
      kiosk_user=${2:?--kiosk-user needs a user name}
      shift 2
      ;;
    --no-kiosk)
      kiosk_user=
      shift
      ;;
    --port)
      port=${2:?--port needs a number}
      shift 2
      ;;
    -h | --help)
      sed -n '2,6p' "$0"
      exit 0
      ;;
    *) fail "unknown option $1 (see --help)" ;;
  esac
done

[[ $(id -u) -eq 0 ]] || fail 'run as root: sudo deploy/raspberry-pi/install.sh'
[[ $port =~ ^[0-9]+$ ]] && ((port >= 1 && port <= 65534)) || fail "--port must be 1–65534 (HTTPS uses port+1), not $port"
[[ -f $app_dir/bin/smlive.js ]] || fail "$app_dir/bin/smlive.js is missing: run this from a Sequence Maker Live checkout"
[[ -d $app_dir/node_modules ]] || fail "$app_dir/node_modules is missing: run npm ci in $app_dir first"
[[ -f $app_dir/src/controller-ui/dist/index.html ]] ||
  fail "the controller is not built ($app_dir/src/controller-ui/dist): run npm ci (or npm run build:ui) in $app_dir"
if [[ -n $kiosk_user ]]; then
  id "$kiosk_user" >/dev/null 2>&1 || fail "kiosk user $kiosk_user does not exist (--kiosk-user USER, or --no-kiosk)"
fi

# Debian packages, each only when missing.
packages=()
command -v node >/dev/null || packages+=(nodejs)
command -v curl >/dev/null || packages+=(curl)
command -v aplay >/dev/null || packages+=(alsa-utils)
if [[ -n $kiosk_user ]] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  packages+=(chromium)
fi
if ((${#packages[@]} > 0)); then
  say "installing Debian packages: ${packages[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
fi

node_bin=$(command -v node)
node_major=$("$node_bin" -p 'process.versions.node.split(".")[0]')
((node_major >= 20)) ||
  fail "$node_bin is Node.js $node_major; Sequence Maker Live needs 20 or later (Debian 13 / Raspberry Pi OS 13 ship it)"

# The service user: no login shell, its home is its data folder.
if ! id "$service_user" >/dev/null 2>&1; then
  useradd --system --user-group --home-dir "$data_dir" --no-create-home --shell /usr/sbin/nologin "$service_user"
  say "created system user $service_user"
fi
usermod --append --groups audio,dialout "$service_user"
install -d -m 0750 -o "$service_user" -g "$service_user" "$data_dir"
say "data folder $data_dir (owner $service_user)"

# The token file: root and the kiosk's group may read it; the service reads it through systemd as root.
getent group "$kiosk_group" >/dev/null || groupadd --system "$kiosk_group"
install -d -m 0755 "$env_dir"
if [[ ! -f $env_file ]]; then
  token=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  (
    umask 027
    sed "s|^SMLIVE_TOKEN=.*|SMLIVE_TOKEN=$token|" "$here/smlive.env.example" >"$env_file"
  )
  say "wrote $env_file with a new random token"
elif ! grep -Eq '^[[:space:]]*SMLIVE_TOKEN=.{8,}' "$env_file"; then
  fail "$env_file has no SMLIVE_TOKEN of at least 8 characters: fix it or delete the file and run again"
else
  say "kept $env_file and its token"
fi
chown "root:$kiosk_group" "$env_file"
chmod 0640 "$env_file"

# The unit, pointed at this checkout, this node and the port.
sed -e "s|/opt/smlive|$app_dir|g" -e "s|^ExecStart=/usr/bin/node |ExecStart=$node_bin |" \
  -e "s|--port 8080|--port $port|" "$here/smlive.service" >"$unit_file.new"
chmod 0644 "$unit_file.new"
mv "$unit_file.new" "$unit_file"
say "installed $unit_file (WorkingDirectory $app_dir, $node_bin, HTTP port $port, HTTPS port $((port + 1)))"

# Serial prop dongles: stable /dev/smlive-prop-* names, group dialout, FTDI latency timer 1 ms.
install -m 0644 "$app_dir/hardware/udev/99-smlive-props.rules" "$udev_rule"
say "installed $udev_rule"
if udevadm control --reload 2>/dev/null; then
  udevadm trigger --subsystem-match=tty --subsystem-match=usb-serial || true
  say 'udev reloaded: dongles plugged in now get the rule'
else
  say 'udev is not running here: the rule applies from the next boot'
fi

if [[ -n $kiosk_user ]]; then
  sed "s|http://localhost:8080/|http://localhost:$port/|" "$here/smlive-kiosk" >"$kiosk_bin.new"
  chmod 0755 "$kiosk_bin.new"
  mv "$kiosk_bin.new" "$kiosk_bin"
  usermod --append --groups "$kiosk_group" "$kiosk_user"
  kiosk_home=$(getent passwd "$kiosk_user" | cut -d: -f6)
  kiosk_primary_group=$(id -gn "$kiosk_user")
  # Made as that user, so existing folders keep their owner and mode.
  runuser -u "$kiosk_user" -- mkdir -p "$kiosk_home/.config/autostart"
  install -m 0644 -o "$kiosk_user" -g "$kiosk_primary_group" "$here/smlive-kiosk.desktop" \
    "$kiosk_home/.config/autostart/smlive-kiosk.desktop"
  say "kiosk: $kiosk_bin, started by $kiosk_home/.config/autostart/smlive-kiosk.desktop when $kiosk_user logs in to the desktop"
  say "kiosk: $kiosk_user is in group $kiosk_group (to read the token) from its next login"
else
  say 'no kiosk user (--kiosk-user USER to show the controller on this display)'
fi

if [[ -d /run/systemd/system ]]; then
  systemctl daemon-reload
  systemctl enable smlive.service >/dev/null
  systemctl restart smlive.service
  say 'enabled and (re)started smlive.service'
  say "status: systemctl status smlive   logs, pairing codes and the tablets' QR code: journalctl -u smlive -e"
else
  say 'systemd is not running here (a chroot or container?): enable it later with systemctl enable --now smlive'
fi
say "tablets: https://$(hostname).local:$((port + 1))/ (accept the certificate once), then the pairing code from the journal"
