-- wrk's script for the server benchmark (tests/bench/serve.sh):
--
--   wrk -t2 -c32 -d20s --latency -s tests/bench/wrk-search.lua URL -- [QUERIES]
--
-- With QUERIES (tests/bench/queries.txt: "shape TAB query" a line, "#"
-- comments), each request is GET /api/search?q=QUERY, the queries taken in
-- turn, each thread starting at another point of the list so that the
-- threads do not ask the same query at the same time.  Without, each
-- request is URL itself (/api/health, the ceiling), through the same hooks,
-- so that both runs pay wrk the same.
--
-- done() prints one line for serve.sh to read:
--   wrk-search: REQ_S P50_MS P99_MS REQUESTS N2XX N429 NOTHER NSOCKET
-- wrk's own summary.errors.status counts only statuses >= 400, so the
-- statuses are counted here (in each thread's Lua state, summed in done()):
-- a 3xx or a 429 from the server's rate limit must not pass as a search.

local threads = {}
local nextId = 0

function setup(thread)
  thread:set("id", nextId)
  nextId = nextId + 1
  table.insert(threads, thread)
end

-- Percent-encodes everything but RFC 3986's unreserved characters (a
-- space as %20: "+" is a space only in forms).
local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

local reqs = {}   -- the requests, formatted once
local i = 0

function init(args)
  n2xx, n429, nOther = 0, 0, 0
  local zFile = args[1]
  if zFile == nil then
    reqs[1] = wrk.format()
    return
  end
  local f = assert(io.open(zFile, "r"))
  for line in f:lines() do
    local q = line:match("^[^#][^\t]*\t(.+)$")
    if q then
      reqs[#reqs + 1] = wrk.format("GET", "/api/search?q=" .. urlencode(q))
    end
  end
  f:close()
  assert(#reqs > 0, zFile .. ": no queries")
  -- thread k starts at the fraction k * 0.618... (mod 1) of the list:
  -- apart for any number of threads
  i = math.floor(#reqs * ((id * 0.6180339887) % 1))
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    n2xx = n2xx + 1
  elseif status == 429 then
    n429 = n429 + 1
  else
    nOther = nOther + 1
  end
end

function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("n2xx")
    b = b + t:get("n429")
    c = c + t:get("nOther")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("wrk-search: %.1f %.2f %.2f %d %d %d %d %d\n",
    seconds > 0 and summary.requests / seconds or 0,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests, a, b, c, e.connect + e.read + e.write + e.timeout))
end
