-- wrk script: residents of the generated district, 90 % reads, 10 % writes.
-- MODE=reads: list reads only; MODE=create: ticket creation only;
-- MODE=counts: `GET /api/v1/counts`, what every open phone asks every few
-- minutes for its badges.
-- MODE=health: `GET /api/health` (the server without the database's work).
-- USERS: "user_id:token,user_id:token,…"; TICKETS: tickets per household.
local users = {}
for pair in string.gmatch(os.getenv("USERS") or "", "[^,]+") do
  local id, token = string.match(pair, "(%d+):(%x+)")
  table.insert(users, { id = tonumber(id), cookie = "courtyard_session=" .. token })
end
local mode = os.getenv("MODE") or "mix"
local per = tonumber(os.getenv("TICKETS") or "10")
local reads = {
  "/api/v1/repairs/summary",
  "/api/v1/repairs?limit=20",
  "/api/v1/points/ledger?limit=20",
  "/api/v1/notices?limit=20",
  "/api/v1/fees/bills",
}
-- READ=<path>: that one read instead of the five in turn (to see which costs what).
if os.getenv("READ") then reads = { os.getenv("READ") } end
local n = 0

local function headers(user, json)
  local h = { ["Cookie"] = user.cookie, ["X-Requested-With"] = "courtyard" }
  if json then h["Content-Type"] = "application/json" end
  return h
end

local function create(user)
  return wrk.format("POST", "/api/v1/repairs", headers(user, true),
    '{"category":"water","description":"厨房水龙头漏水"}')
end

request = function()
  n = n + 1
  local user = users[(n % #users) + 1]
  if mode == "create" then return create(user) end
  if mode == "health" then return wrk.format("GET", "/api/health") end
  if mode == "counts" then return wrk.format("GET", "/api/v1/counts", headers(user, false)) end
  local roll = n % 100
  if mode == "mix" and roll < 6 then return create(user) end
  if mode == "mix" and roll < 10 then
    -- A comment on one of the household's own generated tickets.
    local household = math.floor((user.id + 1) / 2)
    local ticket = (household - 1) * per + (n % per) + 1
    return wrk.format("POST", "/api/v1/repairs/" .. ticket .. "/events", headers(user, true),
      '{"kind":"comment","note":"下午在家"}')
  end
  return wrk.format("GET", reads[(n % #reads) + 1], headers(user, false))
end
