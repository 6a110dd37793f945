-- wrk script: one request per cycle, optionally consuming one pre-minted item per request
-- (login form token, OIDC code, CAS ticket); checks every response; prints a RESULT line.
-- wrk -tC -cC -s req.lua URL -- ITEMS_PREFIX|- METHOD PATH BODY|- STATUS [BODY_SUBSTRING]
-- Thread i reads ITEMS_PREFIX.i (as written by mint.lua); "@@" in PATH/BODY is replaced by the item.
-- With items, use threads == connections; a thread that runs out of items stops (reported as exhausted).
-- From the peer's wrk/req.lua (../shared/peers/lemonldap/wrk), one change: rps is counted over the
-- time the threads were answered (first request to last answer, clock_gettime through LuaJIT FFI),
-- not over wrk's -d, so that threads running out of items early do not lower it.
local ffi = require("ffi")
ffi.cdef [[ typedef struct { long s; long ns; } ts_t; int clock_gettime(int, ts_t *); ]]
local ts = ffi.new("ts_t")
local function now() ffi.C.clock_gettime(1, ts); return tonumber(ts.s) + tonumber(ts.ns) / 1e9 end
local threads, n = {}, 0
function setup(t) n = n + 1; t:set("tid", n); threads[n] = t end
function init(a)
  method, path, body, status, want = a[2], a[3], a[4] ~= "-" and a[4] or nil, tonumber(a[5]), a[6]
  k, ok, bad, exhausted, first, last = 1, 0, 0, 0, 0, 0
  if a[1] ~= "-" then items = {}; for l in io.lines(a[1] .. "." .. tid) do items[#items + 1] = l end end
end
local function fill(s, v) return (s and v) and (s:gsub("@@", v)) or s end
function request()   -- state only advances in response(): wrk calls request() once extra to verify it
  if first == 0 then first = now() end
  local v = items and items[k]
  return wrk.format(method, fill(path, v), nil, fill(body, v))
end
function response(st, headers, b)
  last = now()
  if st == status and (not want or b:find(want, 1, true)) then ok = ok + 1 else bad = bad + 1 end
  k = k + 1
  if items and k > #items then exhausted = 1; wrk.thread:stop() end
end
function done(s, lat)
  local o, b, e, t0, t1 = 0, 0, 0, math.huge, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok"); b = b + t:get("bad"); e = e + t:get("exhausted")
    local f, l = t:get("first"), t:get("last")
    if f > 0 and f < t0 then t0 = f end
    if l > t1 then t1 = l end
  end
  local secs = t1 > t0 and t1 - t0 or s.duration / 1e6
  io.write(string.format("RESULT ok=%d bad=%d exhausted_threads=%d secs=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    o, b, e, secs, o / secs, lat:percentile(50) / 1000, lat:percentile(99) / 1000))
end
