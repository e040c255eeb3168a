/// <summary>
/// One user's Mobile Flow setup: the two settings an administrator turns on and off, the state of the user's PIN code
/// and of its lock, and the version that is the setup's @odata.etag. It holds what the host core's UserSetupRecord
/// holds and Business Central does not: the user's name comes from the User table, the Resource card is BC's own
/// (with the PIN code's status in "MFP Resource"), and the code itself is never here, only its hash in "MFP Credential".
/// The contract's id of a setup is its SystemId.
/// </summary>
table 50140 "MFP User Setup"
{
    Caption = 'Mobile Flow User Setup';
    DataClassification = CustomerContent;
    DrillDownPageId = "MFP User Setup List";
    LookupPageId = "MFP User Setup List";
    // A setup that is deleted takes its user's credential and history with it, whoever deletes it.
    Permissions = tabledata "MFP Device" = r,
                  tabledata "MFP Credential" = rd,
                  tabledata "MFP PIN Code Event" = rd,
                  tabledata Resource = rm;

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
                Device: Record "MFP Device";
            begin
                User.SetRange("User Name", "User ID");
                if not User.FindFirst() then
                    Error(UnknownUserErr, "User ID");
                // A device checks other people's codes: it is never also someone who holds one.
                if Device.Get("User ID") then
                    Error(UserIsDeviceErr, "User ID");
                "Display Name" := User."Full Name";
                if "Display Name" = '' then
                    "Display Name" := "User ID";
            end;
        }
        field(2; "Display Name"; Text[80])
        {
            Caption = 'Name';
            DataClassification = EndUserIdentifiableInformation;
            Editable = false;
        }
        field(3; "Resource No."; Code[20])
        {
            Caption = 'Resource No.';
            DataClassification = CustomerContent;
            TableRelation = Resource."No.";

            trigger OnValidate()
            var
                OtherUserSetup: Record "MFP User Setup";
            begin
                if "Resource No." = xRec."Resource No." then
                    exit;
                // The credential belongs to the Resource card: moving a user with a PIN code would leave it behind.
                if "PIN Code Status" <> "PIN Code Status"::"Not Set" then
                    Error(ResourceHoldsPinCodeErr, "User ID");
                if "Resource No." = '' then
                    exit;
                OtherUserSetup.SetRange("Resource No.", "Resource No.");
                OtherUserSetup.SetFilter("User ID", '<>%1', "User ID");
                if OtherUserSetup.FindFirst() then
                    Error(ResourceTakenErr, "Resource No.", OtherUserSetup."User ID");
            end;
        }
        field(4; "Password Mandatory"; Boolean)
        {
            Caption = 'Password Mandatory';
            DataClassification = CustomerContent;
            Editable = false;
        }
        field(5; "Allow PIN Code"; Boolean)
        {
            Caption = 'Allow PIN Code';
            DataClassification = CustomerContent;
            Editable = false;
        }
        field(6; "PIN Code Status"; Enum "MFP PIN Code Status")
        {
            Caption = 'PIN Code Status';
            DataClassification = CustomerContent;
            Editable = false;
        }
        field(7; "PIN Code Changed At"; DateTime)
        {
            Caption = 'PIN Code Changed At';
            DataClassification = CustomerContent;
            Editable = false;
        }
        field(8; "PIN Code Changed By"; Enum "MFP PIN Code Changed By")
        {
            Caption = 'PIN Code Changed By';
            DataClassification = CustomerContent;
            Editable = false;
        }
        field(9; "Temporary Expires At"; DateTime)
        {
            Caption = 'Temporary PIN Code Expires At';
            DataClassification = CustomerContent;
            Editable = false;
        }
        field(10; "Locked Until"; DateTime)
        {
            Caption = 'Locked Until';
            DataClassification = CustomerContent;
            Editable = false;
        }
        field(11; "Failed Attempts"; Integer)
        {
            Caption = 'Failed Attempts';
            DataClassification = CustomerContent;
            Editable = false;
        }
        field(12; "Expiry Recorded"; Boolean)
        {
            Caption = 'Expiry Recorded';
            DataClassification = SystemMetadata;
            Editable = false;
        }
        field(13; "Version No."; Integer)
        {
            Caption = 'Version No.';
            DataClassification = SystemMetadata;
            Editable = false;
        }
    }

    keys
    {
        key(PK; "User ID")
        {
            Clustered = true;
        }
        // One key per order of GET userSetups ($orderby), ties by user ID so that paging is stable.
        key(ByName; "Display Name", "User ID")
        {
        }
        key(ByResource; "Resource No.", "User ID")
        {
        }
        key(ByStatus; "PIN Code Status", "PIN Code Changed At", "User ID")
        {
        }
        key(ByChangedAt; "PIN Code Changed At", "User ID")
        {
        }
    }

    trigger OnInsert()
    begin
        "Version No." := 1;
        if "Display Name" = '' then
            "Display Name" := "User ID";
    end;

    trigger OnRename()
    begin
        // The history and the idempotency records name the user: a setup is deleted and added again, never renamed.
        Error(CannotRenameErr);
    end;

    trigger OnDelete()
    var
        Credential: Record "MFP Credential";
        PinCodeEvent: Record "MFP PIN Code Event";
        Resource: Record Resource;
    begin
        PinCodeEvent.SetRange("User ID", "User ID");
        PinCodeEvent.DeleteAll();
        if "Resource No." = '' then
            exit;
        if Credential.Get("Resource No.") then
            Credential.Delete();
        if Resource.Get("Resource No.") then begin
            Resource."MFP PIN Code Status" := Resource."MFP PIN Code Status"::"Not Set";
            Resource."MFP PIN Code Changed At" := 0DT;
            Resource."MFP PIN Code Changed By" := Resource."MFP PIN Code Changed By"::" ";
            Resource."MFP Card Version" += 1;
            Resource.Modify();
        end;
    end;

    var
        UnknownUserErr: Label 'There is no user %1.', Comment = '%1 = the user ID that was typed';
        UserIsDeviceErr: Label '%1 is a Mobile Flow device: a device holds no PIN code of its own.', Comment = '%1 = user ID';
        ResourceHoldsPinCodeErr: Label '%1 holds a PIN code on this Resource card: the resource can only be changed while the PIN code status is Not set.', Comment = '%1 = user ID';
        ResourceTakenErr: Label 'Resource %1 is already the resource of %2.', Comment = '%1 = resource number, %2 = user ID';
        CannotRenameErr: Label 'A Mobile Flow user setup cannot be renamed: delete it and add the user again.';

    /// <summary>
    /// Whether a device asks this user for a PIN code (the Resource card's pinCodeRequired): Password Mandatory is on,
    /// or PIN codes are allowed and the user holds one.
    /// </summary>
    procedure PinCodeRequired(): Boolean
    begin
        exit("Password Mandatory" or ("Allow PIN Code" and ("PIN Code Status" <> "PIN Code Status"::"Not Set")));
    end;

    /// <summary>The setup as its next state: a new version, so a new @odata.etag.</summary>
    procedure NextVersion()
    begin
        "Version No." += 1;
    end;
}
