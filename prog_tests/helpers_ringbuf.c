// SPDX-License-Identifier: GPL-2.0
/* helpers_ringbuf: to be written */
