# MyAccount 0.1.0: generated from the command registry by scripts/generate/module.ts. Do not edit.
#
# The cmdlets, and the helper that runs the CLI for them, are compiled: MyAccount.Helper.dll, which
# the manifest loads. The module's own PowerShell (the subscription picker, and the writer for a
# stream whose preference is Inquire) is embedded there and runs as a module of its own the first
# time it is needed (source: scripts/generate/module-helper.ps1). This file has no statement on
# purpose: a root script runs on every import, and an import is part of every one-shot call.
