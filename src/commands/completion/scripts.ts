/**
 * The shell scripts `myaccount completion bash|pwsh` prints. Both hand the line before the
 * cursor to `myaccount completion candidates`, so commands, flags and names come from the same
 * registry and state folder as everything else, and a new command completes without a new script.
 */

export const BASH_SCRIPT = `# myaccount completion for bash. Load it with:  source <(myaccount completion bash)
_myaccount_complete() {
  local line="\${COMP_LINE:0:COMP_POINT}" IFS=$'\\n' candidate
  local -a found
  # The program as typed (myaccount, or a path to it), so a clone completes as an install does.
  found=($("\${COMP_WORDS[0]}" completion candidates --line="$line" --output tsv --no-prompt 2>/dev/null)) || return 0
  COMPREPLY=()
  for candidate in "\${found[@]}"; do
    # Names with spaces or parentheses (context names) are quoted for the shell.
    if [[ "$candidate" == *[[:space:]\\(\\)\\'\\"]* ]]; then COMPREPLY+=("$(printf '%q' "$candidate")"); else COMPREPLY+=("$candidate"); fi
  done
}
complete -o default -F _myaccount_complete myaccount
`;

export const PWSH_SCRIPT = `# myaccount completion for PowerShell. Load it with:
#   myaccount completion pwsh | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName myaccount -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $line = $commandAst.ToString()
    $offset = $cursorPosition - $commandAst.Extent.StartOffset
    # After a space the cursor is past the end of the command's text: complete a new word.
    if ($offset -gt $line.Length) { $line = $line + (' ' * ($offset - $line.Length)) } else { $line = $line.Substring(0, $offset) }
    $program = $commandAst.CommandElements[0].ToString()
    & $program completion candidates "--line=$line" --output tsv --no-prompt 2>$null | ForEach-Object {
        $text = if ($_ -match "[\\s'\`"()]") { "'" + ($_ -replace "'", "''") + "'" } else { $_ }
        [System.Management.Automation.CompletionResult]::new($text, $_, 'ParameterValue', $_)
    }
}
`;
