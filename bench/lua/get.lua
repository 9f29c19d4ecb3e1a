-- wrk script: GET of the URL given on the command line; answers counted by status (200 expected).
dofile(os.getenv("BENCH_LUA_DIR") .. "/common.lua")
