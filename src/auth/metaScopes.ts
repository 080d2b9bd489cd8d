// The least Meta permissions AdNavi's read path needs, and why each is asked: the OAuth flow asks for
// exactly these and the Settings page shows the reasons (bundled into the web app; imports nothing).
// ads_read covers reading campaigns, ad sets, ads and their insights, and listing the ad accounts the
// person has a role on (me/adaccounts). AdNavi never writes to Meta, so it does not ask for
// ads_management; it lists accounts through the person, not a Business Manager, so it does not ask for
// business_management either.
export const OAUTH_SCOPE_REASONS: Readonly<Record<string, string>> = {
  ads_read:
    'to read your campaigns, ad sets, ads and their results, and to list the ad accounts you can open',
};

export const OAUTH_SCOPES = Object.keys(OAUTH_SCOPE_REASONS);
