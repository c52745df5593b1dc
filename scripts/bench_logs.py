"""The measuring half of scripts/bench-logs: wall time, client CPU (user+sys) and peak RSS of
each tool, medians of several runs, plus follow latency (put an event, time until printed)."""
import os, resource, socket, statistics, subprocess, sys, threading, time

import boto3

aws, tracectl, moto_bin = sys.argv[1:4]
RUNS = int(os.environ.get("RUNS", "5"))
GROUP = "/bench/backend-flask"
EVENTS = 100_000

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close(); return port

port = free_port()
endpoint = f"http://127.0.0.1:{port}"
moto = subprocess.Popen([moto_bin, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
       "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint, "AWS_EC2_METADATA_DISABLED": "true",
       "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_PAGER": ""}
try:
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close(); break
        except OSError:
            time.sleep(0.1)
    logs = boto3.client("logs", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="bench", aws_secret_access_key="bench")
    logs.create_log_group(logGroupName=GROUP)
    now = int(time.time() * 1000)
    for s in range(3):
        stream = f"i-000{s}/backend-flask"
        logs.create_log_stream(logGroupName=GROUP, logStreamName=stream)
        count = EVENTS // 3 + (1 if s < EVENTS % 3 else 0)
        events = [{"timestamp": now - 55 * 60_000 + i * (55 * 60_000 // count), "message": f'{{"level":"INFO","route":"/api/activities/{i}","ms":{i % 500},"stream":{s}}}'}
                  for i in range(count)]
        for k in range(0, len(events), 10_000):
            logs.put_log_events(logGroupName=GROUP, logStreamName=stream, logEvents=events[k:k + 10_000])
    print(f"seeded {EVENTS:,} events in {GROUP} (3 streams) on moto {endpoint}\n")

    def measure(cmd):
        """Wall, user+sys CPU and peak RSS of one run of cmd (stdout counted, not stored)."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        lines = sum(1 for _ in p.stdout)
        p.wait()
        wall = time.perf_counter() - start
        # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: measure in a fresh process.
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), lines

    def peak_rss(cmd):
        out = subprocess.run([sys.executable, "-c", "import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)", *cmd], env=env, capture_output=True, text=True)
        return int(out.stdout.strip()) / 1024

    tools = {
        "tracectl": [tracectl, "logs", "tail", GROUP, "--since", "1h", "-o", "json"],
        # AWS CLI before 2.13 ignores AWS_ENDPOINT_URL: give it the flag.
        "aws logs tail": [aws, "--endpoint-url", endpoint, "logs", "tail", GROUP, "--since", "1h", "--format", "json"],
    }
    results = {}
    for name, cmd in tools.items():
        runs = [measure(cmd) for _ in range(RUNS)]
        lines = {r[2] for r in runs}
        results[name] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs), peak_rss(cmd), lines)
    t, a = results["tracectl"], results["aws logs tail"]
    # Lines, not events: the CLI's --format json spreads each JSON message over several lines.
    print(f"| {EVENTS:,} events, --since 1h (median of {RUNS}) | wall | client CPU | peak RSS | lines printed |")
    print("|---|---|---|---|---|")
    for name, (wall, cpu, rss, lines) in results.items():
        print(f"| `{name}` | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB | {', '.join(f'{n:,}' for n in sorted(lines))} |")
    print(f"| ratio (aws / tracectl) | {a[0] / t[0]:.1f}x | {a[1] / t[1]:.1f}x | {a[2] / t[2]:.1f}x | |")

    def follow_latency(cmd, samples=5):
        """Start following, put an event stamped now, time until it is printed."""
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        seen = {}
        def reader():
            for line in p.stdout:
                for key in list(pending):
                    if key in line:
                        seen[key] = time.perf_counter()
        pending = set()
        threading.Thread(target=reader, daemon=True).start()
        time.sleep(6)  # past start-up and the first polls
        latencies = []
        for n in range(samples):
            key = f"latency-probe-{n}-{time.time()}"
            pending.add(key)
            t0 = time.perf_counter()
            logs.put_log_events(logGroupName=GROUP, logStreamName="i-0000/backend-flask", logEvents=[{"timestamp": int(time.time() * 1000), "message": key}])
            while key not in seen and time.perf_counter() - t0 < 30:
                time.sleep(0.02)
            latencies.append(seen.get(key, float("inf")) - t0)
            time.sleep(1.3)
        p.terminate(); p.wait()
        return statistics.median(latencies)

    ft = follow_latency([tracectl, "logs", "tail", GROUP, "--since", "1s", "--follow", "-o", "json"])
    fa = follow_latency([aws, "--endpoint-url", endpoint, "logs", "tail", GROUP, "--since", "1s", "--follow", "--format", "json"])
    print(f"\n| follow latency (put an event, median of 5) | tracectl | aws logs tail |")
    print("|---|---|---|")
    print(f"| time until printed | {ft:.2f} s | {fa:.2f} s |")
finally:
    moto.terminate()
