// SPDX-License-Identifier: GPL-2.0
/* The other kfuncs from LWT_IN, one object per kfunc (-DTEST_<kfunc>):
 * context casts, map element count, RCU and preemption sections, BPF
 * work queues, arena pages, and kfuncs registered for other program
 * types only. Kernel structs are read with CO-RE. Results in out[].
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "lwt_misc.h"
#include "lwt_kfunc.h"

__s64 out[KF_NOUT];

#if defined(TEST_bpf_cast_to_kern_ctx) || defined(TEST_bpf_rdonly_cast)
LWT_KFUNC(void *, bpf_cast_to_kern_ctx, void *obj);
LWT_KFUNC(void *, bpf_rdonly_cast, const void *obj__ign, __u32 btf_id__k);

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	struct sk_buff *k = bpf_cast_to_kern_ctx(skb);
#if defined(TEST_bpf_rdonly_cast)
	/* an untrusted, read-only view of the same sk_buff */
	k = bpf_rdonly_cast(k, bpf_core_type_id_kernel(struct sk_buff));
#endif
	out[0] = k->len;
	out[1] = skb->len;
	out[2] = k->protocol;
	out[3] = skb->protocol;
	out[4] = k->data_len;
	out[5] = skb->data_end - skb->data;
	return BPF_OK;
}

#elif defined(TEST_bpf_map_sum_elem_count)
LWT_KFUNC(__s64, bpf_map_sum_elem_count, const struct bpf_map *map);

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} hash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u64);
} array SEC(".maps");

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	out[0] = bpf_map_sum_elem_count((struct bpf_map *)&hash);
	out[1] = bpf_map_sum_elem_count((struct bpf_map *)&array);
	return BPF_OK;
}

#elif defined(TEST_bpf_rcu_read_lock) || defined(TEST_bpf_rcu_read_unlock)
LWT_KFUNC(void, bpf_rcu_read_lock, void);
LWT_KFUNC(void, bpf_rcu_read_unlock, void);

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	bpf_rcu_read_lock();
	out[0] = bpf_get_smp_processor_id();
	bpf_rcu_read_unlock();
	out[1] = 1;
	return BPF_OK;
}

#elif defined(TEST_bpf_preempt_disable) || defined(TEST_bpf_preempt_enable)
LWT_KFUNC(void, bpf_preempt_disable, void);
LWT_KFUNC(void, bpf_preempt_enable, void);

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	bpf_preempt_disable();
	out[0] = bpf_get_smp_processor_id();
	bpf_preempt_enable();
	out[1] = 1;
	return BPF_OK;
}

#elif defined(TEST_bpf_wq_init) || defined(TEST_bpf_wq_set_callback_impl) || \
	defined(TEST_bpf_wq_start)
LWT_KFUNC(int, bpf_wq_init, struct bpf_wq *wq, void *p__map, unsigned int flags);
LWT_KFUNC(int, bpf_wq_set_callback_impl, struct bpf_wq *wq,
	  int (callback_fn)(void *map, int *key, void *value),
	  unsigned int flags, void *aux__prog);
LWT_KFUNC(int, bpf_wq_start, struct bpf_wq *wq, unsigned int flags);

struct wq_elem {
	struct bpf_wq w;
	__u64 fired;
	__u32 key_seen;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, struct wq_elem);
} wqs SEC(".maps");

/* Runs later, in a kworker: the test waits for fired to become 1. */
static int wq_fire(void *map, int *key, void *value)
{
	struct wq_elem *e = value;

	e->key_seen = *key;
	__sync_fetch_and_add(&e->fired, 1);
	return 0;
}

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	int k0 = 0;
	struct wq_elem *e = bpf_map_lookup_elem(&wqs, &k0);

	if (!e)
		return BPF_OK;
	e->key_seen = ~0U;
	out[0] = bpf_wq_init(&e->w, &wqs, 0);
	out[1] = bpf_wq_set_callback_impl(&e->w, wq_fire, 0, NULL);
	out[2] = bpf_wq_start(&e->w, 0);
	return BPF_OK;
}

#elif defined(TEST_bpf_arena_alloc_pages) || defined(TEST_bpf_arena_free_pages)
LWT_KFUNC(void *, bpf_arena_alloc_pages, void *p__map, void *addr__ign,
	  __u32 page_cnt, int node_id, __u64 flags);
LWT_KFUNC(void, bpf_arena_free_pages, void *p__map, void *ptr__ign, __u32 page_cnt);

struct {
	__uint(type, BPF_MAP_TYPE_ARENA);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);		/* pages */
	/* the user address: the verifier refuses an arena without one, and
	 * libbpf 1.1 does not mmap() arenas to give it one
	 */
	__uint(map_extra, 0x10000000);
} arena SEC(".maps");

SEC("lwt_in") int call(struct __sk_buff *skb)
{
#if defined(TEST_bpf_arena_alloc_pages)
	out[0] = !!bpf_arena_alloc_pages(&arena, NULL, 1, -1, 0);
#else
	bpf_arena_free_pages(&arena, NULL, 1);
#endif
	return BPF_OK;
}

/* Registered for other program types only: each call must be refused. */
#elif defined(TEST_bpf_xdp_metadata_rx_hash)
LWT_KFUNC(int, bpf_xdp_metadata_rx_hash, const struct xdp_md *ctx, __u32 *hash,
	  enum xdp_rss_hash_type *rss_type);

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	enum xdp_rss_hash_type t;
	__u32 h;

	out[0] = bpf_xdp_metadata_rx_hash((void *)skb, &h, &t);
	return BPF_OK;
}

#elif defined(TEST_bpf_dynptr_from_skb_meta)
LWT_KFUNC(int, bpf_dynptr_from_skb_meta, struct __sk_buff *skb, __u64 flags,
	  struct bpf_dynptr *ptr__uninit);

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	struct bpf_dynptr p;

	out[0] = bpf_dynptr_from_skb_meta(skb, 0, &p);
	return BPF_OK;
}

#elif defined(TEST_bpf_sock_destroy)
LWT_KFUNC(int, bpf_sock_destroy, struct sock_common *sock);

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	out[0] = bpf_sock_destroy(NULL);
	return BPF_OK;
}

#elif defined(TEST_tcp_reno_cong_avoid)
LWT_KFUNC(void, tcp_reno_cong_avoid, struct sock *sk, __u32 ack, __u32 acked);

SEC("lwt_in") int call(struct __sk_buff *skb)
{
	tcp_reno_cong_avoid(NULL, 0, 0);
	return BPF_OK;
}

#else
#error "build with -DTEST_<kfunc>"
#endif

LWT_LICENSE;
