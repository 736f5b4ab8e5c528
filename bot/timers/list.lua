-- Open timers from the narrowest index that fits; the caller filters on every criterion.
-- A: agent, chat, case, overdue ('1' | '0'); '' means any.
local agent, chat, case, overdue = A[1], A[2], A[3], A[4]
local ids
if case ~= '' then
  ids = case_ids(case)
elseif overdue == '1' then
  ids = redis.call('SMEMBERS', K.overdue)
elseif agent ~= '' and chat ~= '' then
  ids = redis.call('SINTER', K.agent .. agent, K.chat .. chat)
elseif agent ~= '' then
  ids = redis.call('SMEMBERS', K.agent .. agent)
elseif chat ~= '' then
  ids = redis.call('SMEMBERS', K.chat .. chat)
else
  ids = redis.call('ZRANGE', K.due, 0, -1)
end
local out = {}
for _, id in ipairs(ids) do
  local fields = redis.call('HGETALL', K.t .. id)
  if #fields > 0 then out[#out + 1] = fields end
end
return out
