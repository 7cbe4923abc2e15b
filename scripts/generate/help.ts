/**
 * The cmdlets' help as MAML (MyAccount.Helper.dll-Help.xml beside the DLL), the form Get-Help reads
 * for compiled cmdlets: synopsis, description, syntax per parameter set, each parameter with its
 * aliases, default and pipeline input, inputs, output, notes and examples. The text comes from the
 * registry through module.ts's cmdletHelp, with the CLI's flags written as parameters.
 */
import type { CommandDefinition } from '../../src/core/command.js';
import { cmdletHelp, proseFor, type CmdletHelp, type HelpParameter } from './module.js';
import { xmlText } from './powershell.js';

const MAML = 'http://schemas.microsoft.com/maml/2004/10';
const COMMAND = 'http://schemas.microsoft.com/maml/dev/command/2004/10';
const DEV = 'http://schemas.microsoft.com/maml/dev/2004/10';

/** Paragraphs: Get-Help shows each <maml:para> as one. */
function paras(text: string, indent: string): string {
  const parts = text.split(/\n\s*\n/).map((t) => t.trim()).filter(Boolean);
  return (parts.length ? parts : ['']).map((t) => `${indent}<maml:para>${xmlText(t)}</maml:para>`).join('\n');
}

function pipelineInput(p: HelpParameter): string {
  const ways = [p.byValue ? 'ByValue' : null, p.byPropertyName ? 'ByPropertyName' : null].filter(Boolean);
  return ways.length ? `True (${ways.join(', ')})` : 'False';
}

/** One <command:parameter>: in the syntax of a set (its own mandatory and position there), or in the list. */
function parameter(p: HelpParameter, where: { mandatory: boolean; position?: number }, indent: string, full: boolean): string {
  const attributes = `required="${where.mandatory}" variableLength="${p.type.endsWith('[]')}" globbing="false" pipelineInput="${pipelineInput(p)}" position="${where.position ?? 'named'}" aliases="${xmlText(p.aliases.join(', ') || 'none')}"`;
  const shortType = p.type.split('.').pop()!;
  const lines = [
    `${indent}<command:parameter ${attributes}>`,
    `${indent}  <maml:name>${xmlText(p.name)}</maml:name>`,
    ...(full ? [`${indent}  <maml:description>`, paras(p.description, `${indent}    `), `${indent}  </maml:description>`] : []),
    ...(p.switch ? [] : [`${indent}  <command:parameterValue required="true" variableLength="${p.type.endsWith('[]')}">${xmlText(shortType)}</command:parameterValue>`]),
    ...(full ? [`${indent}  <dev:type>`, `${indent}    <maml:name>${xmlText(p.type)}</maml:name>`, `${indent}  </dev:type>`, `${indent}  <dev:defaultValue>${xmlText(p.defaultValue ?? 'None')}</dev:defaultValue>`] : []),
    `${indent}</command:parameter>`,
  ];
  return lines.join('\n');
}

/** Where a parameter stands in a set: mandatory or not, its position; undefined when not in it. */
function inSet(p: HelpParameter, set: string | null): { mandatory: boolean; position?: number } | undefined {
  return p.sets.find((s) => s.set === set) ?? p.sets.find((s) => s.set === null);
}

function command(help: CmdletHelp): string {
  const [verb, noun] = help.name.split('-');
  const i = '      ';
  const syntax = (help.sets.length ? help.sets : [null]).map((set) => {
    const members = help.parameters.flatMap((p) => {
      const where = inSet(p, set);
      return where ? [parameter(p, where, `${i}    `, false)] : [];
    });
    return [`${i}  <command:syntaxItem>`, `${i}    <maml:name>${xmlText(help.name)}</maml:name>`, ...members, `${i}  </command:syntaxItem>`].join('\n');
  });
  const parameters = help.parameters.map((p) => {
    // In the list, Get-Help shows one line per parameter: mandatory if it is in any set, the first position.
    const mandatory = p.sets.some((s) => s.mandatory);
    const position = p.sets.find((s) => s.position !== undefined)?.position;
    return parameter(p, { mandatory, position }, `${i}  `, true);
  });
  const inputs = help.inputs.map((input) =>
    [`${i}  <command:inputType>`, `${i}    <dev:type>`, `${i}      <maml:name>${xmlText(input.type)}</maml:name>`, `${i}    </dev:type>`, `${i}    <maml:description>`, paras(input.description, `${i}      `), `${i}    </maml:description>`, `${i}  </command:inputType>`].join('\n'),
  );
  // An empty paragraph after each example's remarks: Get-Help puts the next example's title right under them otherwise.
  const examples = help.examples.map((e, n) =>
    [`${i}  <command:example>`, `${i}    <maml:title>-------------------------- Example ${n + 1} --------------------------</maml:title>`, `${i}    <dev:code>${xmlText(e.code)}</dev:code>`, `${i}    <dev:remarks>`, paras(e.remarks, `${i}      `), `${i}      <maml:para></maml:para>`, `${i}    </dev:remarks>`, `${i}  </command:example>`].join('\n'),
  );
  return [
    `    <command:command xmlns:maml="${MAML}" xmlns:command="${COMMAND}" xmlns:dev="${DEV}">`,
    `${i}<command:details>`,
    `${i}  <command:name>${xmlText(help.name)}</command:name>`,
    `${i}  <maml:description>`,
    paras(help.synopsis, `${i}    `),
    `${i}  </maml:description>`,
    `${i}  <command:verb>${xmlText(verb)}</command:verb>`,
    `${i}  <command:noun>${xmlText(noun)}</command:noun>`,
    `${i}</command:details>`,
    `${i}<maml:description>`,
    paras(help.description, `${i}  `),
    `${i}</maml:description>`,
    `${i}<command:syntax>`,
    ...syntax,
    `${i}</command:syntax>`,
    `${i}<command:parameters>`,
    ...parameters,
    `${i}</command:parameters>`,
    `${i}<command:inputTypes>`,
    ...inputs,
    `${i}</command:inputTypes>`,
    `${i}<command:returnValues>`,
    `${i}  <command:returnValue>`,
    `${i}    <dev:type>`,
    `${i}      <maml:name>${xmlText(help.output)}</maml:name>`,
    `${i}    </dev:type>`,
    `${i}  </command:returnValue>`,
    `${i}</command:returnValues>`,
    `${i}<maml:alertSet>`,
    `${i}  <maml:alert>`,
    paras(help.notes, `${i}    `),
    `${i}  </maml:alert>`,
    `${i}</maml:alertSet>`,
    `${i}<command:examples>`,
    ...examples,
    `${i}</command:examples>`,
    `    </command:command>`,
  ].join('\n');
}

export function helpFile(commands: readonly CommandDefinition<any, any>[]): string {
  const prose = proseFor(commands);
  return `<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from the command registry by scripts/generate/help.ts. Do not edit. -->
<helpItems schema="maml" xmlns="http://msh">
${commands.filter((c) => c.cmdlet).map((c) => command(cmdletHelp(c, prose))).join('\n')}
</helpItems>
`;
}
