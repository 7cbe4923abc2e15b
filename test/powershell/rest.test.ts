/**
 * Invoke-MyRestMethod in real PowerShell 7 against the local cloud: GET by -Path, PUT with
 * -Payload and -WaitForCompletion (Azure-AsyncOperation), -Paginate across pages, and a -Uri on
 * another origin refused as a terminating error with nothing sent.
 */
import { defaultSeedIds as S } from '../../src/emulator/index.js';
import { startLocalCloud, type LocalCloud } from '../helpers/local-cloud.js';
import { runPwsh } from '../helpers/pwsh.js';

jest.setTimeout(120_000);

const APP = S.CI_SECRET_APP;
const SUB = S.SUBSCRIPTIONS.production;
let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startLocalCloud({ pageSize: 2 });
  const r = await cloud.run(['connect', '--environment', 'LocalCloud', '--service-principal', '--application-id', APP.appId, '--tenant', S.CONTOSO, '--client-secret', APP.secret, '--subscription', SUB]);
  expect(r.code).toBe(0);
});
afterAll(async () => {
  await cloud?.dispose();
});

test('GET, PUT -WaitForCompletion, -Paginate, and a foreign -Uri refused', async () => {
  const r = await runPwsh(
    cloud,
    `
$sub = '${SUB}'
$get = Invoke-MyRestMethod -Path "/subscriptions/$sub" -ApiVersion 2022-12-01
foreach ($name in 'a', 'b', 'c') {
    $null = Invoke-MyRestMethod -Method PUT -Path "/subscriptions/$sub/resourcegroups/rg-\${name}?api-version=2021-04-01" -Payload '{"location":"westeurope"}'
}
$widget = Invoke-MyRestMethod -Method PUT -Path "/subscriptions/$sub/resourceGroups/rg-a/providers/Microsoft.LocalCloud/widgets/w?api-version=2024-01-01" -Payload '{"location":"eastus","properties":{"provisioningSeconds":1}}' -WaitForCompletion
$all = Invoke-MyRestMethod -Path "/subscriptions/$sub/resourcegroups?api-version=2021-04-01" -Paginate
$refused = try { Invoke-MyRestMethod -Uri 'https://example.invalid/x'; 'sent' } catch { [ordered]@{ Id = $_.FullyQualifiedErrorId; Category = $_.CategoryInfo.Category.ToString() } }
[ordered]@{
    Type = $get.PSObject.TypeNames[0]
    Status = $get.StatusCode
    SubscriptionId = ($get.Content | ConvertFrom-Json).subscriptionId
    ContentType = $get.Headers.'content-type'
    WidgetStatus = $widget.StatusCode
    WidgetState = ($widget.Content | ConvertFrom-Json).properties.provisioningState
    Groups = @(($all.Content | ConvertFrom-Json).value.name | Sort-Object)
    Refused = $refused
} | Out-Result
`,
  );
  if (r.code !== 0) throw new Error(`pwsh exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  expect(r.result).toMatchObject({ Type: 'MyAccount.HttpResponse', Status: 200, SubscriptionId: SUB, WidgetStatus: 200, WidgetState: 'Succeeded', Groups: ['rg-a', 'rg-b', 'rg-c'] });
  expect(r.result.ContentType).toContain('application/json');
  expect(r.result.Refused.Id).toMatch(/^InvalidRequestUri/);
  expect(r.result.Refused.Category).toBe('InvalidArgument');
});
