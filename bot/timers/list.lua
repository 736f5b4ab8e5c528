-- Open timers from the narrowest index that fits; the caller filters on every criterion.
-- A: agent, chat, case, overdue ('1' | '0'); '' means any.
local agent, chat, case, overdue = A[1], A[2], A[3], A[4]
local ids
if case ~= '' then
  ids = case_ids(case)
elseif agent ~= '' then
  ids = ids_of(redis.call('SMEMBERS', K.agent .. agent))
elseif overdue == '1' then
  ids = ids_of(redis.call('SMEMBERS', K.overdue))
elseif chat ~= '' then
  -- The chat's agents' timers; those the agents have in other chats are dropped below.
  local sets = {}
  for _, a in ipairs(redis.call('SMEMBERS', K.chat_agents .. chat)) do sets[#sets + 1] = K.agent .. a end
  ids = {}
  if #sets > 0 then ids = ids_of(redis.call('SUNION', unpack(sets))) end
else
  ids = redis.call('ZRANGE', K.due, 0, -1)
end
local out = {}
for _, id in ipairs(ids) do
  if chat == '' or redis.call('HGET', K.t .. id, 'ch') == chat then
    local fields = with_id(id)
    if fields then out[#out + 1] = fields end
  end
end
return out
