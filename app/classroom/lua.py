"""The Lua scripts of the Redis class store (redis.py): each change to a class, checked, written and broadcast in
one step that Redis runs alone.

Every script gets KEYS = the class's hash, its students, its answers, the index of classes, and ARGV[1..4] = now
(the store's clock), the idle timeout in seconds, the code and the class's channel; its own arguments follow.
A published message is "<seq>\\n<event name>\\n<data as JSON>" (hub.Event.from_wire).
"""

PRELUDE = """
local function live()
  local touched = redis.call('HGET', KEYS[1], 'touched')
  if not touched then return false end
  if tonumber(ARGV[1]) - tonumber(touched) > tonumber(ARGV[2]) then
    local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
    redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
    redis.call('ZREM', KEYS[4], ARGV[3])
    redis.call('PUBLISH', ARGV[4], seq .. '\\nended\\n{}')
    return false
  end
  return true
end
local function touch()
  local ttl = math.ceil(tonumber(ARGV[2])) + 60
  redis.call('HSET', KEYS[1], 'touched', ARGV[1])
  for i = 1, 3 do redis.call('EXPIRE', KEYS[i], ttl) end
  redis.call('ZADD', KEYS[4], ARGV[1], ARGV[3])
end
local function emit(name, data)
  local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
  redis.call('PUBLISH', ARGV[4], seq .. '\\n' .. name .. '\\n' .. data)
  return seq
end
"""

SCRIPTS = {
    "load": """
if not live() then return false end
touch()
return {redis.call('HGETALL', KEYS[1]), redis.call('HLEN', KEYS[2]), redis.call('HLEN', KEYS[3])}""",
    "exists": "if live() then return 1 end return 0",
    # ARGV[5..8]: most classes, teacher, join URL, position
    "create": """
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if redis.call('ZCARD', KEYS[4]) >= tonumber(ARGV[5]) then return -1 end
redis.call('HSET', KEYS[1], 'teacher', ARGV[6], 'join_url', ARGV[7], 'position', ARGV[8], 'seq', 0, 'qid', 0,
           'qopen', 0, 'question', '', 'reveal', '')
touch()
return 1""",
    # ARGV[5]: position
    "move": """
if not live() then return -1 end
redis.call('HSET', KEYS[1], 'position', ARGV[5])
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('PUBLISH', ARGV[4], seq .. '\\nposition\\n{"seq":' .. seq .. ',"position":' .. ARGV[5] .. '}')
touch()
return seq""",
    # ARGV[5..8]: expected seq, event name, event data, "1" to clear the answers; then field, value, …
    "commit": """
if not live() then return -1 end
if redis.call('HGET', KEYS[1], 'seq') ~= ARGV[5] then return -2 end
if ARGV[8] == '1' then redis.call('DEL', KEYS[3]) end
if #ARGV > 8 then redis.call('HSET', KEYS[1], unpack(ARGV, 9)) end
local seq = emit(ARGV[6], ARGV[7])
touch()
return seq""",
    "end": """
if not live() then return -1 end
emit('ended', '{}')
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('ZREM', KEYS[4], ARGV[3])
return 1""",
    # ARGV[5..8]: most students, token hash, student id, nickname ('' for "Student n")
    "join": """
if not live() then return {-1} end
local n = redis.call('HLEN', KEYS[2])
if n >= tonumber(ARGV[5]) then return {-3} end
n = n + 1
local name = ARGV[8]
if name == '' then name = 'Student ' .. n end
redis.call('HSET', KEYS[2], ARGV[6], ARGV[7] .. '\\n' .. name)
emit('students', '{"count":' .. n .. '}')
touch()
return {1, name}""",
    # ARGV[5..7]: token hash, question id, the answer (JSON)
    "answer": """
if not live() then return -1 end
if redis.call('HEXISTS', KEYS[2], ARGV[5]) == 0 then return -4 end
if redis.call('HGET', KEYS[1], 'qopen') ~= '1' or redis.call('HGET', KEYS[1], 'qid') ~= ARGV[6] then return -5 end
redis.call('HSET', KEYS[3], ARGV[5], ARGV[7])
emit('answers', '{"question_id":' .. ARGV[6] .. ',"count":' .. redis.call('HLEN', KEYS[3]) .. '}')
touch()
return 1""",
    "snapshot": """
if not live() then return false end
touch()
return {redis.call('HGETALL', KEYS[1]), redis.call('HGETALL', KEYS[2]), redis.call('HGETALL', KEYS[3])}""",
}

