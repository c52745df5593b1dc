"""The measuring half of scripts/bench-xray. Starts the fake X-Ray endpoint (the tests' own,
as examples/fake_xray) and measures, in one run, tracectl against the AWS CLI v2 and a
sequential boto3 loop on the same endpoint: wall time, client CPU (user+sys), peak RSS."""
import json, os, resource, statistics, subprocess, sys, time

import boto3

aws, tracectl, fake_bin = sys.argv[1:4]
RUNS = int(os.environ.get("RUNS", "5"))
TRACES = 10_000

env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench",
       "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
       "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_PAGER": ""}

def start_fake(hours, latency_ms):
    p = subprocess.Popen([fake_bin, "--traces", str(TRACES), "--hours", str(hours), "--latency-ms", str(latency_ms)], stdout=subprocess.PIPE, text=True)
    return p, p.stdout.readline().strip()

def measure(cmd):
    """Median wall and user+sys CPU of RUNS runs, peak RSS (MB), and the stdout of the last."""
    walls, cpus = [], []
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        out = subprocess.run(cmd, env=env, capture_output=True, text=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        if out.returncode != 0:
            sys.exit(f"{cmd[0]} failed: {out.stderr}")
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far: measure in a fresh process.
    rss = subprocess.run([sys.executable, "-c", "import resource,subprocess,sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)", *cmd],
                         env=env, capture_output=True, text=True)
    return statistics.median(walls), statistics.median(cpus), int(rss.stdout.strip()) / 1024, out.stdout

def table(title, rows):
    print(f"| {title} (median of {RUNS}) | wall | client CPU | peak RSS | traces |")
    print("|---|---|---|---|---|")
    for name, (wall, cpu, rss, n) in rows.items():
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB | {n:,} |")
    t, a = list(rows.values())
    print(f"| ratio (other / tracectl) | {a[0] / t[0]:.1f}x | {a[1] / t[1]:.1f}x | {a[2] / t[2]:.1f}x | |\n")

def summaries(hours, latency_ms, title):
    fake, endpoint = start_fake(hours, latency_ms)
    try:
        now = int(time.time())
        start = now - hours * 3600
        t = measure([tracectl, "xray", "traces", "--since", f"{hours}h", "-o", "json", "--limit", "0", "--endpoint-url", endpoint])
        n_t = json.loads(t[3])["summary"]["traces"]
        # The CLI pages through the whole window itself (sequentially, one token after another).
        a = measure([aws, "--endpoint-url", endpoint, "xray", "get-trace-summaries", "--start-time", str(start), "--end-time", str(now), "--output", "json"])
        n_a = len(json.loads(a[3])["TraceSummaries"])
        table(title, {"`tracectl xray traces`": (*t[:3], n_t), "`aws xray get-trace-summaries`": (*a[:3], n_a)})
    finally:
        fake.kill()

def details(latency_ms):
    fake, endpoint = start_fake(1, latency_ms)
    try:
        listed = subprocess.run([tracectl, "xray", "traces", "--since", "1h", "-o", "json", "--limit", "100", "--endpoint-url", endpoint], env=env, capture_output=True, text=True)
        ids = [t["id"] for t in json.loads(listed.stdout)["traces"]]
        assert len(ids) == 100
        t = measure([tracectl, "xray", "trace", "-o", "json", "--endpoint-url", endpoint, *ids])
        n_t = len(json.loads(t[3]))
        # The sequential baseline: one boto3 client, 20 BatchGetTraces calls one after another.
        script = ("import boto3,json,sys; c=boto3.client('xray',endpoint_url=sys.argv[1]); ids=sys.argv[2:]; out=[]\n"
                  "for i in range(0,len(ids),5): out+=c.batch_get_traces(TraceIds=ids[i:i+5])['Traces']\n"
                  "print(json.dumps(out))")
        b = measure([sys.executable, "-c", script, endpoint, *ids])
        n_b = len(json.loads(b[3]))
        table(f"details of 100 traces, {latency_ms} ms per call", {"`tracectl xray trace <100 ids>`": (*t[:3], n_t), "boto3, 20 sequential BatchGetTraces": (*b[:3], n_b)})
    finally:
        fake.kill()

summaries(1, 0, f"{TRACES:,} traces, --since 1h, no added latency")
summaries(24, 50, f"{TRACES:,} traces, --since 24h, 50 ms per call")
details(50)
