#!/usr/bin/env bash
# Issue 16's figures, measured from outside against the real `reviewbot serve` (Release) on 127.0.0.1: peak and
# settled RSS under 32 parallel wrong-signature deliveries of 28 MB and of 24 MB, and the log lines written by 500
# connections that trickle their body. Needs python3. Prints the BENCH lines.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build src/ReviewBot -c Release -o "$work/bin" >/dev/null
openssl genrsa -out "$work/app.pem" 2048 2>/dev/null
port=${PORT:-5687}
GitHub__AppId=1 GitHub__PrivateKeyPath="$work/app.pem" GitHub__WebhookSecret=bench-secret GitHub__ApiUrl=http://127.0.0.1:9/ \
  ReviewBot__DataDir="$work/data" "$work/bin/reviewbot" serve --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status"; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$pid/status"; }
echo "BENCH idle RSS: $(rss) MB"

python3 - "$port" <<'PY'
import sys, threading, http.client, collections
port = int(sys.argv[1])
for size in (28_000_000, 24_000_000):
    body = b'{"a":"' + b'x' * (size - 8) + b'"}'
    codes = collections.Counter()
    def one():
        try:
            c = http.client.HTTPConnection('127.0.0.1', port, timeout=120)
            c.request('POST', '/api/github/webhooks', body=body, headers={
                'Content-Type': 'application/json', 'X-GitHub-Event': 'pull_request', 'X-GitHub-Delivery': 'flood',
                'X-Hub-Signature-256': 'sha256=' + '0' * 64})
            r = c.getresponse(); r.read(); codes[r.status] += 1
        except Exception as e:
            codes[type(e).__name__] += 1
    threads = [threading.Thread(target=one) for _ in range(32)]
    [t.start() for t in threads]; [t.join() for t in threads]
    print(f"BENCH 32 x {size // 1_000_000} MB wrong signature: {dict(codes)}")
PY
echo "BENCH peak RSS during the floods: $(hwm) MB"
sleep 5
echo "BENCH RSS 5 s after: $(rss) MB"

before=$(wc -l <"$work/serve.log")
python3 - "$port" <<'PY'
import sys, socket, time, collections
port = int(sys.argv[1])
head = ("POST /api/github/webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-GitHub-Event: pull_request\r\n"
        "X-GitHub-Delivery: slow\r\nX-Hub-Signature-256: sha256=00\r\nContent-Length: 100000\r\n\r\n{").encode()
socks = []
for _ in range(500):
    s = socket.create_connection(('127.0.0.1', port)); s.sendall(head); s.setblocking(False); socks.append(s)
start = time.time(); answers = collections.Counter(); done = set()
while time.time() - start < 60 and len(done) < len(socks):
    for i, s in enumerate(socks):
        if i in done: continue
        try:
            data = s.recv(100)
            answers[data[:12].decode() if data else 'closed'] += 1; done.add(i); continue
        except BlockingIOError: pass
        except OSError as e: answers[type(e).__name__] += 1; done.add(i); continue
        try: s.send(b' ')
        except OSError: pass
    time.sleep(0.5)
print(f"BENCH 500 trickled bodies: {dict(answers)} in {time.time() - start:.1f} s")
PY
after=$(wc -l <"$work/serve.log")
echo "BENCH log lines written by the trickle flood: $((after - before))"
