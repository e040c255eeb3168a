/// <summary>
/// Every user who changes their own PIN code (Change PIN Code on the Role Center). The user reaches the Mobile Flow
/// tables only through "MFP Contract", by indirect permission (lower-case letters): never a page of the user setup,
/// and never the credential table, whose hashes no page, API or other extension shows.
/// </summary>
permissionset 50140 "MFP PIN USER"
{
    Assignable = true;
    Caption = 'Mobile Flow PIN code user';
    Permissions = codeunit "MFP Contract" = X,
                  page "MFP Change PIN Code" = X,
                  tabledata "MFP User Setup" = rm,
                  tabledata "MFP Credential" = rim,
                  tabledata "MFP PIN Code Event" = ri,
                  tabledata "MFP Idempotency Record" = rim,
                  tabledata "MFP Device" = r,
                  tabledata "MFP PIN Policy" = ri,
                  tabledata Resource = rm;
}
