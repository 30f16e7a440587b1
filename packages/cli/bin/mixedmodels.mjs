#!/usr/bin/env node
// A committed launcher, so pnpm links the command at install time, before the build exists.
import "../dist/bin.js";
