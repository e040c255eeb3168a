/// <summary>
/// The rules of the PIN policy (docs/promises.md promise 6), as src/domain/pin-policy.ts has them, and the generation of a
/// temporary PIN code (src/domain/temporary-pin-code.ts). CheckPinCode gives every rule a code breaks, in the contract's
/// order of rules (PinRule), each as {"rule"} with the policy figure it refers to: the details of 400
/// PinCode_PolicyViolation, which the Change PIN Code dialog shows next to its own live checklist.
/// </summary>
codeunit 50148 "MFP PIN Policy Check"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;

    var
        CommonFourDigitCodesTok: Label '1234,1111,0000,1212,7777,1004,2000,4444,2222,6969,9999,3333,5555,6666,1122,1313,8888,4321,2001,1010', Locked = true;

    /// <summary>
    /// Every rule of the policy that PinCode breaks, in the contract's order; an empty list when it breaks none.
    /// RecentlyUsed is the host's finding that the code is one of the user's last historyDepth codes; TemporaryPinCode is
    /// the temporary code being replaced (HasTemporaryPinCode), which the new code must not repeat.
    /// </summary>
    [NonDebuggable]
    procedure CheckPinCode(PinCode: Text; MinLength: Integer; MaxLength: Integer; HistoryDepth: Integer; RecentlyUsed: Boolean; HasTemporaryPinCode: Boolean; TemporaryPinCode: Text) Violations: JsonArray
    var
        DigitsOnly: Boolean;
        Shaped: Boolean;
    begin
        DigitsOnly := DelChr(PinCode, '=', '0123456789') = '';
        Shaped := DigitsOnly and (PinCode <> '');
        if not DigitsOnly then
            AddViolation(Violations, 'digitsOnly', '', 0);
        if StrLen(PinCode) < MinLength then
            AddViolation(Violations, 'tooShort', 'minLength', MinLength);
        if StrLen(PinCode) > MaxLength then
            AddViolation(Violations, 'tooLong', 'maxLength', MaxLength);
        if Shaped then begin
            if IsOneRepeatedDigit(PinCode) then
                AddViolation(Violations, 'repeatedDigit', '', 0);
            if IsRun(PinCode) then
                AddViolation(Violations, 'sequence', '', 0);
            if IsRepeatedGroup(PinCode) then
                AddViolation(Violations, 'repeatedGroup', '', 0);
            if IsCommon(PinCode) then
                AddViolation(Violations, 'common', '', 0);
        end;
        if RecentlyUsed then
            AddViolation(Violations, 'recentlyUsed', 'historyDepth', HistoryDepth);
        if HasTemporaryPinCode then
            if PinCode = TemporaryPinCode then
                AddViolation(Violations, 'sameAsTemporary', '', 0);
    end;

    /// <summary>The one rule a chosen temporary code breaks where the policy lets only the host generate them.</summary>
    procedure AdministratorMayNotChoose() Violations: JsonArray
    begin
        AddViolation(Violations, 'administratorMayNotChoose', '', 0);
    end;

    /// <summary>
    /// A random code of Length digits that breaks no rule of the policy's shape (no 11111111, no 12345678). AL offers
    /// no cryptographic random number generator; its best source of unpredictable bits is CreateGuid, whose version 4
    /// GUIDs come from the server's cryptographic generator (122 random bits each). The digits are the 0-9 hex digits of
    /// SHA-256 over two fresh GUIDs, the others dropped, so that every digit is equally likely.
    /// </summary>
    [NonDebuggable]
    procedure GenerateTemporaryPinCode(Length: Integer) PinCode: Text
    var
        CryptographyManagement: Codeunit "Cryptography Management";
        HashAlgorithmType: Option MD5,SHA1,SHA256,SHA384,SHA512;
        RandomHex: Text;
        Position: Integer;
        Found: Boolean;
    begin
        repeat
            PinCode := '';
            while StrLen(PinCode) < Length do begin
                RandomHex := CryptographyManagement.GenerateHash(Format(CreateGuid()) + Format(CreateGuid()), HashAlgorithmType::SHA256);
                for Position := 1 to StrLen(RandomHex) do
                    if StrLen(PinCode) < Length then
                        if RandomHex[Position] in ['0' .. '9'] then
                            PinCode += CopyStr(RandomHex, Position, 1);
            end;
            Found := CheckPinCode(PinCode, Length, Length, 0, false, false, '').Count() = 0;
        until Found;
    end;

    local procedure AddViolation(var Violations: JsonArray; Rule: Text; FigureName: Text; Figure: Integer)
    var
        Violation: JsonObject;
    begin
        Violation.Add('rule', Rule);
        if FigureName <> '' then
            Violation.Add(FigureName, Figure);
        Violations.Add(Violation);
    end;

    /// <summary>000000: one digit, repeated.</summary>
    local procedure IsOneRepeatedDigit(PinCode: Text): Boolean
    begin
        if StrLen(PinCode) <= 1 then
            exit(false);
        exit(DelChr(PinCode, '=', CopyStr(PinCode, 1, 1)) = '');
    end;

    /// <summary>123456, 987654, and runs that wrap around: 890123.</summary>
    local procedure IsRun(PinCode: Text): Boolean
    var
        Position: Integer;
        Step: Integer;
        FirstStep: Integer;
    begin
        if StrLen(PinCode) < 3 then
            exit(false);
        FirstStep := StepAt(PinCode, 2);
        if not (FirstStep in [1, 9]) then
            exit(false);
        for Position := 3 to StrLen(PinCode) do begin
            Step := StepAt(PinCode, Position);
            if Step <> FirstStep then
                exit(false);
        end;
        exit(true);
    end;

    /// <summary>121212, 123123, 12121: a group of two or more digits, repeated.</summary>
    local procedure IsRepeatedGroup(PinCode: Text): Boolean
    var
        Period: Integer;
        Position: Integer;
        Repeats: Boolean;
    begin
        if IsOneRepeatedDigit(PinCode) then
            exit(false);
        Period := 2;
        while Period * 2 <= StrLen(PinCode) do begin
            Repeats := true;
            for Position := Period + 1 to StrLen(PinCode) do
                if PinCode[Position] <> PinCode[Position - Period] then
                    Repeats := false;
            if Repeats then
                exit(true);
            Period += 1;
        end;
        exit(false);
    end;

    /// <summary>
    /// DataGenetics' 20 most common four-digit codes (26.8 % of real PIN codes), and their shapes at 5-12 digits that no
    /// other rule covers: 2000, 1004, 2001 (a digit, zeros, a digit: 200000, 100004) and 1122 (doubled digits counting
    /// up: 112233).
    /// </summary>
    local procedure IsCommon(PinCode: Text): Boolean
    var
        Regex: Codeunit Regex;
        CommonCodes: Text;
        Position: Integer;
    begin
        CommonCodes := CommonFourDigitCodesTok;
        if StrLen(PinCode) = 4 then
            if CommonCodes.Split(',').Contains(PinCode) then
                exit(true);
        if Regex.IsMatch(PinCode, '\A[1-9]0{2,}[0-9]\z') then
            exit(true);
        if (StrLen(PinCode) < 4) or (StrLen(PinCode) mod 2 <> 0) then
            exit(false);
        for Position := 1 to StrLen(PinCode) div 2 do
            if PinCode[2 * Position - 1] <> PinCode[2 * Position] then
                exit(false);
        for Position := 2 to StrLen(PinCode) div 2 do
            if DigitAt(PinCode, 2 * Position - 1) <> (DigitAt(PinCode, 2 * Position - 3) + 1) mod 10 then
                exit(false);
        exit(true);
    end;

    /// <summary>The step from the digit before Position to the digit at Position, mod 10 (1 up, 9 down).</summary>
    local procedure StepAt(PinCode: Text; Position: Integer): Integer
    begin
        exit((DigitAt(PinCode, Position) - DigitAt(PinCode, Position - 1) + 10) mod 10);
    end;

    local procedure DigitAt(PinCode: Text; Position: Integer): Integer
    var
        CharacterCode: Integer;
    begin
        CharacterCode := PinCode[Position];
        exit(CharacterCode - 48);
    end;
}
