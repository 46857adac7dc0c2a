-- wrk script for bench/gateway.bench.ts: replays requests the bench signed beforehand (each nonce once), so the load
-- generator spends no CPU on SM3 during the timed run. Arguments after `--`: the requests file and the thread count.
-- File lines: method, path, app key, timestamp, nonce, signature, body (tab-separated; body may be empty).
-- Printed at the end, for the bench to parse: `WRK <field> <value>` lines.

local threads = {}

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local path, count = args[1], tonumber(args[2])
  prepared = {}
  statuses = {}
  first_error = ""
  local n = 0
  for line in io.lines(path) do
    if n % count == thread_index then
      local method, target, app_key, ts, nonce, sig, body = line:match("^(%S+)\t(%S+)\t(%S+)\t(%S+)\t(%S+)\t(%S+)\t(.*)$")
      local headers = {
        ["x-app-key"] = app_key, ["x-timestamp"] = ts, ["x-nonce"] = nonce, ["x-signature"] = sig,
        ["x-case-number"] = "BENCH-2026-0001", ["x-operator-id"] = "bench-op-01",
      }
      if body == "" then body = nil else headers["content-type"] = "application/json" end
      prepared[#prepared + 1] = wrk.format(method, target, headers, body)
    end
    n = n + 1
  end
  cursor = 0
end

function request()
  -- Past the end the requests repeat: their nonces are replays, which the gateway refuses (counted as non-200).
  cursor = cursor % #prepared + 1
  return prepared[cursor]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 200 and first_error == "" then
    first_error = status .. " " .. string.sub(body or "", 1, 300):gsub("[\r\n]", " ")
  end
end

function done(summary, latency, requests)
  local merged, first = {}, ""
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do merged[status] = (merged[status] or 0) + n end
    if first == "" then first = t:get("first_error") end
  end
  io.write(string.format("WRK requests %d\n", summary.requests))
  io.write(string.format("WRK seconds %.6f\n", summary.duration / 1e6))
  for _, p in ipairs({ 50, 95, 99 }) do io.write(string.format("WRK p%d %.3f\n", p, latency:percentile(p) / 1000)) end
  io.write(string.format("WRK socket_errors %d\n", summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for status, n in pairs(merged) do io.write(string.format("WRK status_%d %d\n", status, n)) end
  io.write("WRK first_error " .. first .. "\n")
end
