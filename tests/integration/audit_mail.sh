#!/usr/bin/env bash
# audit_mail.sh - the audit mails once per change: a conflict appears (one
# mail), stays (no mail), goes away (one "resolved" mail); a sendmail
# failure keeps the state so the change is mailed again; every mail parses
# strictly as RFC 5322 (python3 email, raise_on_defect), also when the
# host name carries CR/LF and a forged header.
set -u
cd "$(dirname "$0")/../.."
. tests/lib/netns.sh
. tests/lib/audit.sh

strict_parse() {    # FILE: prints "subject" after a strict parse, fails on any defect
        python3 - "$1" <<'PY'
import sys, email, email.policy, email.utils
raw = open(sys.argv[1], 'rb').read()
pol = email.policy.SMTP.clone(raise_on_defect=True, linesep='\n')
m = email.message_from_bytes(raw, policy=pol)
for h in ('To', 'Subject', 'Date', 'Message-ID', 'Auto-Submitted', 'MIME-Version', 'Content-Type'):
    assert m[h] is not None, h
    assert len(m.get_all(h)) == 1, h
assert set(k.lower() for k in m.keys()) <= {'to', 'from', 'subject', 'date', 'message-id', 'auto-submitted',
    'mime-version', 'content-type', 'content-transfer-encoding'}, m.keys()
assert m['Auto-Submitted'] == 'auto-generated'
assert m.get_content_type() == 'text/plain' and m.get_content_charset() == 'utf-8'
assert email.utils.parsedate_to_datetime(str(m['Date'])) is not None
for line in raw.split(b'\n'):
    assert len(line) <= 998 and b'\r' not in line
m.get_content()
print(m['Subject'])
PY
}

aud_fixture conflict
out=$(aud --mail-to root --sendmail "$AUD_SM"); rc=$?
check_eq "first audit with a conflict exits 2" 2 "$rc"
check_eq "nothing on stdout when mailed" "" "$out"
check_eq "one mail" 1 "$(aud_mails)"
check_eq "sendmail called with -t -oi" "$(printf -- '-t\n-oi')" "$(cat "$AUD_D/mails/0.argv")"
subj=$(strict_parse "$AUD_D/mails/0.msg") && ok "mail 0 parses strictly" || not_ok "mail 0 parses strictly"
case "$subj" in "vnetaudit: 2 new errors on "*) ok "subject: $subj" ;; *) not_ok "subject: $subj" ;; esac
check "mail names the overlap" grep -q 'subnet-overlap' "$AUD_D/mails/0.msg"

aud --mail-to root --sendmail "$AUD_SM" >/dev/null
check_eq "same conflict again: still one mail" 1 "$(aud_mails)"

aud_fixture clean
touch "$AUD_D/sendmail.fail"
out=$(aud --mail-to root --sendmail "$AUD_SM" 2>"$AUD_D/err"); rc=$?
check_eq "failed sendmail: exit 69" 69 "$rc"
check "failed sendmail reported" grep -q 'not sent' "$AUD_D/err"
check "report printed instead" grep -q 'Resolved:' <<<"$out"
rm -f "$AUD_D/sendmail.fail"
aud --mail-to root --sendmail "$AUD_SM" >/dev/null
check_eq "resolved: second mail" 2 "$(aud_mails)"
subj=$(strict_parse "$AUD_D/mails/1.msg") && ok "mail 1 parses strictly" || not_ok "mail 1 parses strictly"
case "$subj" in "vnetaudit: 2 resolved on "*) ok "subject: $subj" ;; *) not_ok "subject: $subj" ;; esac
out=$(aud --mail-to root --sendmail "$AUD_SM"); rc=$?
check_eq "clean and unchanged: exit 0" 0 "$rc"
check_eq "clean and unchanged: silent" "" "$out"
check_eq "clean and unchanged: no mail" 2 "$(aud_mails)"

# Header injection through the host name (a UTS namespace of our own).
if unshare -u true 2>/dev/null; then
        rm -rf "$AUD_STATE"
        aud_fixture conflict
        unshare -u python3 -c '
import socket, subprocess, sys
socket.sethostname(b"evil\r\nBcc: victim@example.com\r\n\xc3\xa4x")
sys.exit(subprocess.call(sys.argv[1:]))' "$VNETAUDIT" --offline --libvirt-uri none --root "$AUD_ROOT" audit \
                --state-dir "$AUD_STATE" --mail-to root --sendmail "$AUD_SM" >/dev/null
        n=$(( $(aud_mails) - 1 ))
        subj=$(strict_parse "$AUD_D/mails/$n.msg") && ok "hostile host name: mail parses strictly" ||
                not_ok "hostile host name: mail parses strictly"
        check "no Bcc header" bash -c "! sed '/^\$/q' '$AUD_D/mails/$n.msg' | grep -qi '^bcc:'"
        case "$subj" in *"evil Bcc: victim@example.com äx"*) ok "host name shown, defanged: $subj" ;;
        *) not_ok "host name in subject: $subj" ;; esac
fi
t_done
