/*
 * path — making the directories a file is to go in: ADRs under docs/adr, the lab's runs under
 * ~/.cache/verdict/lab, its history under ~/.local/share/verdict. One `mkdir -p` for all of them.
 */
#ifndef VERDICT_PATH_H
#define VERDICT_PATH_H

#include "err.h"

/* Creates dir and every missing directory above it (existing ones are fine). Returns 0, or -1
 * with *e set to "DIR: cannot create: REASON" for the first one that could not be made. */
int path_mkdirs(const char *dir, struct err *e);

/* Creates the directories above file (not file itself). Same result as path_mkdirs. */
int path_mkdir_parents(const char *file, struct err *e);

#endif
