/// <summary>
/// The mobile devices: the Business Central users (a handheld's user, or the Microsoft Entra application a scanner app
/// signs in as) that may check PIN codes (docs/promises.md promise 11). A caller listed here is a device, whatever else it is;
/// any other caller is a user, who never checks a PIN code. Each device also keeps its throttle as the host core's
/// DeviceRecord does: when its latest wrong PIN codes came, whoever they were for, and the user setups already told in
/// their history that it is held back.
/// </summary>
table 50144 "MFP Device"
{
    Caption = 'Mobile Flow Device';
    DataClassification = CustomerContent;
    DrillDownPageId = "MFP Devices";
    LookupPageId = "MFP Devices";

    fields
    {
        field(1; "User ID"; Code[50])
        {
            Caption = 'User ID';
            DataClassification = EndUserIdentifiableInformation;
            NotBlank = true;
            TableRelation = User."User Name";
            ValidateTableRelation = false;

            trigger OnValidate()
            var
                User: Record User;
                UserSetup: Record "MFP User Setup";
            begin
                User.SetRange("User Name", "User ID");
                if User.IsEmpty() then
                    Error(UnknownUserErr, "User ID");
                // A device checks other people's codes: it must not also be someone who holds one.
                if UserSetup.Get("User ID") then
                    Error(DeviceIsUserErr, "User ID");
            end;
        }
        field(2; Description; Text[100])
        {
            Caption = 'Description';
            DataClassification = CustomerContent;
        }
        field(3; "Recent Failures"; Blob)
        {
            Caption = 'Recent Wrong PIN Codes';
            DataClassification = SystemMetadata;
        }
        field(4; "Held For"; Blob)
        {
            Caption = 'Held Back For';
            DataClassification = SystemMetadata;
        }
    }

    keys
    {
        key(PK; "User ID")
        {
            Clustered = true;
        }
    }

    var
        UnknownUserErr: Label 'There is no user %1.', Comment = '%1 = the user ID that was typed';
        DeviceIsUserErr: Label '%1 has a Mobile Flow user setup: a device is a user of its own, who holds no PIN code.', Comment = '%1 = user ID';

    // The blobs are loaded by whoever reads the record (SetAutoCalcFields or CalcFields), under its own permissions:
    // these procedures only read and write the record in memory.

    /// <summary>When the device's latest wrong PIN codes came, oldest first (at most the policy's Max. Device Failures).</summary>
    procedure GetRecentFailures(var Failures: List of [DateTime])
    var
        Reader: InStream;
        Texts: List of [Text];
        Moment: DateTime;
        MomentText: Text;
    begin
        Clear(Failures);
        if not "Recent Failures".HasValue() then
            exit;
        "Recent Failures".CreateInStream(Reader, TextEncoding::UTF8);
        ReadTexts(Reader, Texts);
        foreach MomentText in Texts do
            if Evaluate(Moment, MomentText, 9) then
                Failures.Add(Moment);
    end;

    /// <summary>Stores when the device's latest wrong PIN codes came, oldest first.</summary>
    procedure SetRecentFailures(Failures: List of [DateTime])
    var
        Writer: OutStream;
        Texts: List of [Text];
        Moment: DateTime;
    begin
        foreach Moment in Failures do
            Texts.Add(Format(Moment, 0, 9));
        "Recent Failures".CreateOutStream(Writer, TextEncoding::UTF8);
        WriteTexts(Writer, Texts);
    end;

    /// <summary>The ids of the user setups whose history already tells that the device is held back.</summary>
    procedure GetHeldFor(var UserSetupIds: List of [Text])
    var
        Reader: InStream;
    begin
        Clear(UserSetupIds);
        if not "Held For".HasValue() then
            exit;
        "Held For".CreateInStream(Reader, TextEncoding::UTF8);
        ReadTexts(Reader, UserSetupIds);
    end;

    /// <summary>Stores the ids of the user setups whose history already tells that the device is held back.</summary>
    procedure SetHeldFor(UserSetupIds: List of [Text])
    var
        Writer: OutStream;
    begin
        "Held For".CreateOutStream(Writer, TextEncoding::UTF8);
        WriteTexts(Writer, UserSetupIds);
    end;

    local procedure ReadTexts(var Reader: InStream; var Texts: List of [Text])
    var
        Items: JsonArray;
        Item: JsonToken;
    begin
        if not Items.ReadFrom(Reader) then
            exit;
        foreach Item in Items do
            Texts.Add(Item.AsValue().AsText());
    end;

    local procedure WriteTexts(var Writer: OutStream; Texts: List of [Text])
    var
        Items: JsonArray;
        Item: Text;
    begin
        foreach Item in Texts do
            Items.Add(Item);
        Items.WriteTo(Writer);
    end;
}
