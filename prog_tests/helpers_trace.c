// SPDX-License-Identifier: GPL-2.0
/* helpers_trace: to be written */
