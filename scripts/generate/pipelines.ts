/**
 * Az's object parameter sets, generator side: a cmdlet takes the object another cmdlet wrote,
 * from the pipeline, and the module turns it into the command's JSON input. The CLI knows
 * nothing of them (its input is names and ids), so they live here, not in the registry.
 *
 *   Get-MyContext -ListAvailable | Where-Object ... | Select-MyContext / Remove-MyContext / Rename-MyContext
 *   Get-MyContext | Set-MyContext;  Get-MySubscription -SubscriptionName X | Set-MyContext;  Get-MyTenant | Set-MyContext
 */
export interface ObjectParameter {
  /** The parameter's name, as in Az: InputObject, Context, SubscriptionObject, TenantObject. */
  name: string;
  /** Its own parameter set. */
  set: string;
  /** The type name the object carries (PSTypeName), i.e. the output type of the cmdlet that wrote it. */
  type: string;
  /** Where such objects come from, for help. */
  from: string;
  /** Input property ← dotted path in the object. An input also given as a parameter wins. */
  map: Record<string, string>;
}

export interface ObjectSets {
  /**
   * The default parameter set, where it must differ from the registry's. Set-MyContext's is
   * Context, as Set-AzContext's: the binder tries the default set first, and in the Subscription
   * set a piped context's Subscription property (an object) would bind to -Subscription as text.
   */
  defaultSet?: string;
  /** The parameters the object stands in for move to this set (the by-name set, the default). */
  byName?: { set: string; parameters: string[] };
  objects: ObjectParameter[];
}

const CONTEXT = 'MyAccount.Context';

export const OBJECT_SETS: Readonly<Record<string, ObjectSets>> = {
  'select-context': {
    byName: { set: 'SelectByName', parameters: ['Name'] },
    objects: [{ name: 'InputObject', set: 'SelectByInputObject', type: CONTEXT, from: 'Get-MyContext', map: { Name: 'Name' } }],
  },
  'remove-context': {
    byName: { set: 'RemoveByName', parameters: ['Name'] },
    objects: [{ name: 'InputObject', set: 'RemoveByInputObject', type: CONTEXT, from: 'Get-MyContext', map: { Name: 'Name' } }],
  },
  'rename-context': {
    byName: { set: 'RenameByName', parameters: ['SourceName'] },
    objects: [{ name: 'InputObject', set: 'RenameByInputObject', type: CONTEXT, from: 'Get-MyContext', map: { SourceName: 'Name' } }],
  },
  'set-context': {
    defaultSet: 'Context',
    objects: [
      // The context's own name too: set-context then finds that context and makes it the default.
      { name: 'Context', set: 'Context', type: CONTEXT, from: 'Get-MyContext', map: { Subscription: 'Subscription.Id', Tenant: 'Tenant.Id', Name: 'Name' } },
      { name: 'SubscriptionObject', set: 'SubscriptionObject', type: 'MyAccount.Subscription', from: 'Get-MySubscription', map: { Subscription: 'Id', Tenant: 'TenantId' } },
      { name: 'TenantObject', set: 'TenantObject', type: 'MyAccount.Tenant', from: 'Get-MyTenant', map: { Tenant: 'Id' } },
    ],
  },
};
