/// <summary>
/// The mobile devices (the users listed on the Mobile Flow Devices page): they check PIN codes through the codeunit web
/// service MobileFlowPin, and nothing else. Every table is reached only through "MFP Contract", by indirect
/// permission; a device reads the Resource card, never changes it, and never writes a credential.
/// </summary>
permissionset 50142 "MFP PIN DEVICE"
{
    Assignable = true;
    Caption = 'Mobile Flow PIN code device';
    Permissions = codeunit "MFP Contract" = X,
                  tabledata "MFP User Setup" = rm,
                  tabledata "MFP Credential" = r,
                  tabledata "MFP PIN Code Event" = ri,
                  tabledata "MFP Idempotency Record" = rim,
                  tabledata "MFP Device" = rm,
                  tabledata "MFP PIN Policy" = ri,
                  tabledata Resource = r;
}
