/// <summary>
/// The issued temporary PIN codes of this session, by scoped Idempotency-Key, so that a retry of issueTemporaryPinCode
/// can show the code again (the host core's temporaryCodesForReplay): memory only, never stored, the latest 50. A retry
/// in another session finds nothing and is answered 409 Request_EntityChanged ("issue a new one"), as the host core
/// answers a code it no longer holds.
/// </summary>
codeunit 50150 "MFP Temporary Code Memory"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    SingleInstance = true;

    var
        CodesByKey: Dictionary of [Text, Text];
        KeysInOrder: List of [Text];

    /// <summary>Keeps the code issued under ScopedKey; the oldest of more than 50 is forgotten.</summary>
    [NonDebuggable]
    procedure Remember(ScopedKey: Text; PinCode: Text)
    begin
        if CodesByKey.ContainsKey(ScopedKey) then begin
            CodesByKey.Set(ScopedKey, PinCode);
            exit;
        end;
        CodesByKey.Add(ScopedKey, PinCode);
        KeysInOrder.Add(ScopedKey);
        if KeysInOrder.Count() > 50 then begin
            CodesByKey.Remove(KeysInOrder.Get(1));
            KeysInOrder.RemoveAt(1);
        end;
    end;

    /// <summary>The code issued under ScopedKey, while this session still holds it.</summary>
    [NonDebuggable]
    procedure Recall(ScopedKey: Text; var PinCode: Text): Boolean
    begin
        exit(CodesByKey.Get(ScopedKey, PinCode));
    end;
}
