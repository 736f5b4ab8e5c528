-- Give an open timer to another agent. A: id, new agent, by_user, is_supervisor.
-- One script, so the agent indexes never disagree with the timer's agent field.
local id, new_agent, by_user, is_supervisor = A[1], A[2], A[3], A[4]
local h = K.t .. id
local err = check_actor(h, by_user, is_supervisor)
if err then return { 'err', err } end
local f = redis.call('HMGET', h, 'ag', 'ch')
redis.call('SREM', K.agent .. f[1], num(id))
redis.call('SADD', K.agent .. new_agent, num(id))
redis.call('SADD', K.chat_agents .. f[2], new_agent)
redis.call('HSET', h, 'ag', new_agent)
return { 'ok', with_id(id) }
