/// <summary>
/// Installs Mobile Flow PIN Codes in a tenant: the hash key ("MFP PIN Hasher": 32 random bytes in IsolatedStorage,
/// DataScope::Module) with the PIN policy's record, and the codeunit web service MobileFlowPin, so that
/// POST {server}/ODataV4/MobileFlowPin_Handle?company={id} reaches "MFP Contract".Handle for devices and the
/// conformance kit. Both are the tenant's, for every company; installing again keeps the key (hashes made with it stay
/// checkable) and publishes the service again.
/// </summary>
codeunit 50140 "MFP Install"
{
    Access = Internal;
    Subtype = Install;

    var
        WebServiceNameTok: Label 'MobileFlowPin', Locked = true;

    trigger OnInstallAppPerDatabase()
    var
        PinHasher: Codeunit "MFP PIN Hasher";
    begin
        PinHasher.EnsureHashKey();
        PublishWebService();
    end;

    /// <summary>
    /// Publishes "MFP Contract" as the tenant web service MobileFlowPin: its procedure Handle is the unbound action
    /// MobileFlowPin_Handle, which takes {"requestJson": "..."} and answers {"value": "..."}.
    /// </summary>
    local procedure PublishWebService()
    var
        WebServiceAggregate: Record "Web Service Aggregate";
        WebServiceManagement: Codeunit "Web Service Management";
    begin
        WebServiceManagement.CreateTenantWebService(WebServiceAggregate."Object Type"::Codeunit, Codeunit::"MFP Contract", WebServiceNameTok, true);
    end;
}
