/// <summary>
/// The administrators of Mobile Flow: they see every user's setup, turn Password Mandatory and Allow PIN Code on and
/// off, issue temporary PIN codes, unlock users, read the history, register devices and set the PIN policy. The direct
/// permission to change the Mobile Flow User Setup table is what makes a user an administrator to "MFP Contract"
/// (canManageUserSetup). Never grants reading a PIN code or its hash: the credential table stays indirect.
/// The manifest's permission (manifest.json) names this set.
/// </summary>
permissionset 50141 "MFP PIN ADMIN"
{
    Assignable = true;
    Caption = 'Mobile Flow PIN code administrator';
    IncludedPermissionSets = "MFP PIN USER";
    Permissions = codeunit "MFP Idempotency Cleanup" = X,
                  page "MFP User Setup" = X,
                  page "MFP User Setup List" = X,
                  page "MFP Devices" = X,
                  page "MFP PIN Policy" = X,
                  page "MFP PIN Code Events" = X,
                  tabledata "MFP User Setup" = RIMD,
                  tabledata "MFP Credential" = rimd,
                  tabledata "MFP PIN Code Event" = Rd,
                  tabledata "MFP Idempotency Record" = rimd,
                  tabledata "MFP Device" = RIMD,
                  tabledata "MFP PIN Policy" = RIMD;
}
