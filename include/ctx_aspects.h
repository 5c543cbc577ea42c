/* SPDX-License-Identifier: GPL-2.0 */
/* The access forms ctx_access applies to every __sk_buff slot.
 * Shared by the BPF side (progs/ctx_field.bpf.c makes one naked program
 * per row) and the userspace side (prog_tests/ctx_access.c makes one
 * test per row), so a form is written once.
 *
 * ASPECT(name, kind, bits, delta)
 *   kind  LOAD    r0 = *(uN *)(r1 + off)            BPF_LDX | BPF_MEM
 *         LOADSX  r0 = *(sN *)(r1 + off)            BPF_LDX | BPF_MEMSX (v6.6)
 *         STX     *(uN *)(r1 + off) = r2            BPF_STX | BPF_MEM
 *         ST      *(uN *)(r1 + off) = imm           BPF_ST  | BPF_MEM
 *         ATOMIC  lock *(uN *)(r1 + off) += r2      BPF_STX | BPF_ATOMIC
 *   bits  access width
 *   delta byte offset from the start of the slot under test
 * Stores write CTX_STORE_VALUE (low bytes for narrow stores).
 */
#define CTX_STORE_VALUE 0x5a5b5c5d

/* The rows, expanded by the includer's ASPECT(): define it, include this
 * file, undefine it. Without ASPECT() only what is above is seen.
 */
#ifdef ASPECT
ASPECT(read_u8,        LOAD,   8, 0)
ASPECT(read_u8_off1,   LOAD,   8, 1)
ASPECT(read_u8_off2,   LOAD,   8, 2)
ASPECT(read_u8_off3,   LOAD,   8, 3)
ASPECT(read_u16,       LOAD,  16, 0)
ASPECT(read_u16_off1,  LOAD,  16, 1)
ASPECT(read_u16_off2,  LOAD,  16, 2)
ASPECT(read_u32,       LOAD,  32, 0)
ASPECT(read_u32_off2,  LOAD,  32, 2)
ASPECT(read_u32_off4,  LOAD,  32, 4)
ASPECT(read_u64,       LOAD,  64, 0)
ASPECT(read_u64_off4,  LOAD,  64, 4)
ASPECT(read_s8,        LOADSX, 8, 0)
ASPECT(read_s16,       LOADSX, 16, 0)
ASPECT(read_s32,       LOADSX, 32, 0)
ASPECT(write_u8,       STX,    8, 0)
ASPECT(write_u8_off1,  STX,    8, 1)
ASPECT(write_u16,      STX,   16, 0)
ASPECT(write_u16_off1, STX,   16, 1)
ASPECT(write_u32,      STX,   32, 0)
ASPECT(write_u32_off2, STX,   32, 2)
ASPECT(write_u64,      STX,   64, 0)
ASPECT(store_imm_u8,   ST,     8, 0)
ASPECT(store_imm_u16,  ST,    16, 0)
ASPECT(store_imm_u32,  ST,    32, 0)
ASPECT(store_imm_u64,  ST,    64, 0)
ASPECT(atomic_add_u32, ATOMIC, 32, 0)
ASPECT(atomic_add_u64, ATOMIC, 64, 0)
#endif
