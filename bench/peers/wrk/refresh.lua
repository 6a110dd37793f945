-- wrk script: refresh-token grants, each thread rotating its own token (the provider answers a new
-- refresh token at each use and the old one is then spent). Thread i starts from line i of TOKENS_FILE.
-- Use threads == connections. Checks every answer (200, access_token, refresh_token); a thread whose
-- grant was refused has no token left and stops (reported as exhausted).
-- wrk -tC -cC -H 'Authorization: Basic ...' -s refresh.lua TOKEN_URL -- TOKENS_FILE
local threads, n = {}, 0
function setup(t) n = n + 1; t:set("tid", n); threads[n] = t end
function init(a)
  local i = 0
  for l in io.lines(a[1]) do i = i + 1; if i == tid then token = l end end
  ok, bad, exhausted = 0, 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end
local function enc(s) return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end)) end
function request()   -- state only advances in response(): wrk calls request() once extra to verify it
  return wrk.format(nil, nil, nil, "grant_type=refresh_token&refresh_token=" .. enc(token or ""))
end
function response(status, headers, body)
  local next = status == 200 and body:find('"access_token"', 1, true) and body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if next then ok = ok + 1; token = next
  else bad = bad + 1; exhausted = 1; wrk.thread:stop() end
end
function done(s, lat)
  local o, b, e = 0, 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); b = b + t:get("bad"); e = e + t:get("exhausted") end
  local secs = s.duration / 1e6
  io.write(string.format("RESULT ok=%d bad=%d exhausted_threads=%d secs=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    o, b, e, secs, o / secs, lat:percentile(50) / 1000, lat:percentile(99) / 1000))
end
