-- Shared by the bench-tracking.sh workloads (wrk, LuaJIT). Credentials come from the environment
-- (BENCH_AUTH: a ready "Basic ..." header, or empty for the bare server), never from argv.
-- Counts the 200 answers of every thread (the "acknowledged" writes) and prints one JSON line.
local auth = os.getenv("BENCH_AUTH") or ""
wrk.headers["Content-Type"] = "application/json"
if auth ~= "" then
  wrk.headers["Authorization"] = auth
end

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

-- Per thread: how many 200s it got, and a counter for unique steps.
function init(args)
  ok = 0
  sent = 0
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  end
end

function done(summary, latency, requests)
  local acknowledged = 0
  for _, thread in ipairs(threads) do
    acknowledged = acknowledged + thread:get("ok")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.2f, "rps": %.1f, "p50_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f, ' ..
    '"timeouts": %d, "errors": %d, "acknowledged": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.timeout, e.connect + e.read + e.write + e.status, acknowledged))
end

-- A step no other request of this round uses: MLflow drops a repeated (key, step, timestamp, value).
function unique_step()
  sent = sent + 1
  return wrk.thread:get("id") * 100000000 + sent
end
