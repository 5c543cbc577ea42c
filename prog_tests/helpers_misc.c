// SPDX-License-Identifier: GPL-2.0
/* helpers_misc: to be written */
