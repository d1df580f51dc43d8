# A gateway node dies (SIGKILL to all its processes) under a steady load
# of submissions through HAProxy: HAProxy takes it out of rotation and
# the other node goes on; every submission acknowledged with a 200 is in
# the database, under the id it was acknowledged with, and none is
# stored twice (the load retries unanswered ones under the same
# Idempotency-Key).

dl_until 10 cl_ha_both_up
check "HAProxy has both nodes" test $? -eq 0
cl_load_start nk "$CL_HA"
dl_until 30 cl_acked_ge nk 20
check "the load is acknowledged" test $? -eq 0
nk_t=$(date +%s.%N)
cl_gateway_kill gw1
dl_until 10 cl_ha_is gw1 DOWN
check "HAProxy took gw1 out" test $? -eq 0
dl_until 30 cl_acked_ge nk 30 "$nk_t"
check "submissions go on through gw2" test $? -eq 0
cl_load_stop nk
# A request the killed node took with it is answered 502 by HAProxy.
cl_load_verify nk 502 503
cl_gateway_start gw1 "$P_GW1"
dl_until 10 cl_ha_both_up
check "gw1 back in rotation" test $? -eq 0
