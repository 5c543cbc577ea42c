/* SPDX-License-Identifier: GPL-2.0 */
/* The ctx_access expectation table: one row per 4- or 8-byte slot of
 * struct __sk_buff, in offset order, covering the whole struct, its
 * padding and the first offset past its end. Read by the BPF side (slot
 * offsets) and the userspace side (everything else): one fact, one place.
 *
 * FIELD(id, off, width, store, rd, wr, since, spec_rd, spec_wr, kind, why)
 *   off, width  the slot under test (bytes)
 *   store       bytes the kernel loads for a read (the target_size that
 *               bpf_convert_ctx_access() reports); 0: the access is
 *               passed through at its own size (cb). A narrow read of
 *               size >= store is not shifted (convert_ctx_accesses), so
 *               it returns the whole value whatever its offset.
 *   rd, wr      access sizes (SZ_1|SZ_2|SZ_4|SZ_8) that LWT_IN may use
 *               when the access starts in this slot; any access must also
 *               be size-aligned (bpf_skb_is_valid_access: off % size)
 *   since       first kernel where the row holds (field added, or the
 *               LWT_IN rule for it changed); older kernels skip the row
 *   spec_rd/wr  what the spec page's "Context fields" table claims
 *               (Y, N, or A: the row is absent from the page)
 *   kind        VAL: a read returns data compared with the test-run image;
 *               PTR: a read returns a pointer (checked by special cases)
 *   why         the kernel code that decides the row (net/core/filter.c)
 *
 * Rules of net/core/filter.c that produce the rd/wr columns:
 *   lwt_is_valid_access(): tc_classid, family..local_port, data_meta,
 *     tstamp, wire_len, hwtstamp: always false. Writes only to mark,
 *     priority, cb[0..4]. data -> PTR_TO_PACKET, data_end -> _END.
 *   bpf_skb_is_valid_access(): off % size == 0; cb: any size within
 *     cb[0..4]; remote/local_ip4/6, data, data_meta, data_end: 4 bytes
 *     only; flow_keys: never; sk: 8-byte read only (sock_common_or_null);
 *     tstamp_type and the padding after it: never; everything else: reads
 *     of 1, 2 or 4 bytes (bpf_ctx_narrow_access_ok), writes of 4 only.
 */
#define SZ_1 1
#define SZ_2 2
#define SZ_4 4
#define SZ_8 8
#define SZ_NARROW (SZ_1 | SZ_2 | SZ_4)
#define SZ_ANY (SZ_1 | SZ_2 | SZ_4 | SZ_8)

#define SKB_OFF(f) offsetof(struct __sk_buff, f)

/* The rows, expanded by the includer's FIELD(): define it, include this
 * file, undefine it. Without FIELD() only what is above is seen.
 */
#ifdef FIELD
FIELD(len,            SKB_OFF(len),            4, 4, SZ_NARROW, 0,     KV(4, 10), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(pkt_type,       SKB_OFF(pkt_type),       4, 1, SZ_NARROW, 0,     KV(4, 10), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(mark,           SKB_OFF(mark),           4, 4, SZ_NARROW, SZ_4,  KV(4, 10), Y, Y, VAL, "lwt_is_valid_access: mark writable; default: 4-byte write")
FIELD(queue_mapping,  SKB_OFF(queue_mapping),  4, 2, SZ_NARROW, 0,     KV(4, 10), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(protocol,       SKB_OFF(protocol),       4, 2, SZ_NARROW, 0,     KV(4, 10), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(vlan_present,   SKB_OFF(vlan_present),   4, 4, SZ_NARROW, 0,     KV(4, 10), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(vlan_tci,       SKB_OFF(vlan_tci),       4, 2, SZ_NARROW, 0,     KV(4, 10), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(vlan_proto,     SKB_OFF(vlan_proto),     4, 2, SZ_NARROW, 0,     KV(4, 10), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(priority,       SKB_OFF(priority),       4, 4, SZ_NARROW, SZ_4,  KV(4, 10), Y, Y, VAL, "lwt_is_valid_access: priority writable; default: 4-byte write")
FIELD(ingress_ifindex, SKB_OFF(ingress_ifindex), 4, 4, SZ_NARROW, 0,     KV(4, 10), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(ifindex,        SKB_OFF(ifindex),        4, 4, SZ_NARROW, 0,     KV(4, 10), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(tc_index,       SKB_OFF(tc_index),       4, 2, SZ_NARROW, 0,     KV(4, 10), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(cb_0,           SKB_OFF(cb[0]),          4, 0, SZ_ANY,    SZ_ANY, KV(4, 10), Y, Y, VAL, "bpf_skb_is_valid_access: cb[0..4], any size ending inside cb")
FIELD(cb_1,           SKB_OFF(cb[1]),          4, 0, SZ_ANY,    SZ_ANY, KV(4, 10), Y, Y, VAL, "bpf_skb_is_valid_access: cb[0..4], any size ending inside cb")
FIELD(cb_2,           SKB_OFF(cb[2]),          4, 0, SZ_ANY,    SZ_ANY, KV(4, 10), Y, Y, VAL, "bpf_skb_is_valid_access: cb[0..4], any size ending inside cb")
FIELD(cb_3,           SKB_OFF(cb[3]),          4, 0, SZ_ANY,    SZ_ANY, KV(4, 10), Y, Y, VAL, "bpf_skb_is_valid_access: cb[0..4], any size ending inside cb")
FIELD(cb_4,           SKB_OFF(cb[4]),          4, 0, SZ_NARROW, SZ_NARROW, KV(4, 10), Y, Y, VAL, "bpf_skb_is_valid_access: cb[4]: off + size must not pass the end of cb")
FIELD(hash,           SKB_OFF(hash),           4, 4, SZ_NARROW, 0,     KV(4, 10), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(tc_classid,     SKB_OFF(tc_classid),     4, 4, 0,         0,     KV(4, 10), N, N, VAL, "lwt_is_valid_access: tc_classid denied")
FIELD(data,           SKB_OFF(data),           4, 4, SZ_4,      0,     KV(4, 10), Y, N, PTR, "lwt_is_valid_access: PTR_TO_PACKET; bpf_skb_is_valid_access: 4 bytes only")
FIELD(data_end,       SKB_OFF(data_end),       4, 4, SZ_4,      0,     KV(4, 10), Y, N, PTR, "lwt_is_valid_access: PTR_TO_PACKET_END; bpf_skb_is_valid_access: 4 bytes only")
FIELD(napi_id,        SKB_OFF(napi_id),        4, 4, SZ_NARROW, 0,     KV(4, 12), Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(family,         SKB_OFF(family),         4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(remote_ip4,     SKB_OFF(remote_ip4),     4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(local_ip4,      SKB_OFF(local_ip4),      4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(remote_ip6_0,   SKB_OFF(remote_ip6[0]),  4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(remote_ip6_1,   SKB_OFF(remote_ip6[1]),  4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(remote_ip6_2,   SKB_OFF(remote_ip6[2]),  4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(remote_ip6_3,   SKB_OFF(remote_ip6[3]),  4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(local_ip6_0,    SKB_OFF(local_ip6[0]),   4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(local_ip6_1,    SKB_OFF(local_ip6[1]),   4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(local_ip6_2,    SKB_OFF(local_ip6[2]),   4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(local_ip6_3,    SKB_OFF(local_ip6[3]),   4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(remote_port,    SKB_OFF(remote_port),    4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(local_port,     SKB_OFF(local_port),     4, 4, 0,         0,     KV(4, 14), N, N, VAL, "lwt_is_valid_access: family..local_port denied")
FIELD(data_meta,      SKB_OFF(data_meta),      4, 4, 0,         0,     KV(4, 15), N, N, VAL, "lwt_is_valid_access: data_meta denied")
FIELD(flow_keys,      SKB_OFF(flow_keys),      8, 8, 0,         0,     KV(4, 20), N, N, PTR, "bpf_skb_is_valid_access: flow_keys denied")
FIELD(tstamp,         SKB_OFF(tstamp),         8, 8, 0,         0,     KV(5, 0),  N, N, VAL, "lwt_is_valid_access: tstamp denied")
FIELD(wire_len,       SKB_OFF(wire_len),       4, 4, 0,         0,     KV(5, 0),  N, N, VAL, "lwt_is_valid_access: wire_len denied")
FIELD(gso_segs,       SKB_OFF(gso_segs),       4, 2, SZ_NARROW, 0,     KV(5, 1),  Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(sk,             SKB_OFF(sk),             8, 8, SZ_8,      0,     KV(5, 1),  Y, N, PTR, "bpf_skb_is_valid_access: sk: 8-byte read, PTR_TO_SOCK_COMMON_OR_NULL")
FIELD(gso_size,       SKB_OFF(gso_size),       4, 2, SZ_NARROW, 0,     KV(5, 7),  Y, N, VAL, "bpf_skb_is_valid_access: default narrow read")
FIELD(tstamp_type,    SKB_OFF(tstamp_type),    4, 4, 0,         0,     KV(5, 18), N, N, VAL, "bpf_skb_is_valid_access: tstamp_type and its padding denied")
FIELD(hwtstamp,       SKB_OFF(hwtstamp),       8, 8, 0,         0,     KV(5, 16), N, N, VAL, "lwt_is_valid_access: hwtstamp denied")
FIELD(past_end,       sizeof(struct __sk_buff), 8, 8, 0,         0,     KV(4, 10), A, A, VAL, "bpf_skb_is_valid_access: off >= sizeof(struct __sk_buff)")
#endif
