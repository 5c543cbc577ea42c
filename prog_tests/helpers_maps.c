// SPDX-License-Identifier: GPL-2.0
/* helpers_maps: to be written */
