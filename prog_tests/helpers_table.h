/* placeholder until the full table lands */
#define HELPER_TABLE \
HELPER(1, map_lookup_elem, ALLOW, KV(4,10), DENY, Y, "bpf_base_func_proto") \
HELPER(9, skb_store_bytes, DENY, KV(4,10), DENY, N, "not in the lwt_in chain") \
HELPER(26, skb_load_bytes, ALLOW, KV(4,10), DENY, Y, "lwt_out_func_proto") \
HELPER(6, trace_printk, ALLOW_PERFMON, KV(5,8), ALLOW, Y, "bpf_base_func_proto: perfmon")
