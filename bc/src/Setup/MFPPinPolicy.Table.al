/// <summary>
/// The PIN policy (the contract's pinPolicy), one for the tenant: the hash key is the tenant's too, and the same people
/// sign in to every company. Defaults and ranges are the contract's (openapi.json, PinPolicy). Its one record is also
/// what the first creation of the hash key locks (see "MFP PIN Hasher".EnsureHashKey).
/// </summary>
table 50145 "MFP PIN Policy"
{
    Caption = 'Mobile Flow PIN Policy';
    DataClassification = CustomerContent;
    DataPerCompany = false;

    fields
    {
        field(1; "Primary Key"; Code[10])
        {
            Caption = 'Primary Key';
            DataClassification = SystemMetadata;
        }
        field(2; "Min. Length"; Integer)
        {
            Caption = 'Min. Length';
            DataClassification = CustomerContent;
            InitValue = 6;
            MinValue = 4;
            MaxValue = 12;

            trigger OnValidate()
            begin
                CheckLengths();
            end;
        }
        field(3; "Max. Length"; Integer)
        {
            Caption = 'Max. Length';
            DataClassification = CustomerContent;
            InitValue = 8;
            MinValue = 4;
            MaxValue = 12;

            trigger OnValidate()
            begin
                CheckLengths();
            end;
        }
        field(4; "History Depth"; Integer)
        {
            Caption = 'History Depth';
            DataClassification = CustomerContent;
            InitValue = 3;
            MinValue = 0;
            MaxValue = 24;
        }
        field(5; "Max. Failed Attempts"; Integer)
        {
            Caption = 'Max. Failed Attempts';
            DataClassification = CustomerContent;
            InitValue = 5;
            MinValue = 3;
            MaxValue = 100;
        }
        field(6; "Lockout Minutes"; Integer)
        {
            Caption = 'Lockout Minutes';
            DataClassification = CustomerContent;
            InitValue = 15;
            MinValue = 1;
            MaxValue = 1440;
        }
        field(7; "Temporary Length"; Integer)
        {
            Caption = 'Temporary PIN Code Length';
            DataClassification = CustomerContent;
            InitValue = 8;
            MinValue = 6;
            MaxValue = 12;
        }
        field(8; "Temporary TTL Hours"; Integer)
        {
            Caption = 'Temporary PIN Code Valid Hours';
            DataClassification = CustomerContent;
            InitValue = 72;
            MinValue = 1;
            MaxValue = 720;
        }
        field(9; "Max. Device Failures"; Integer)
        {
            Caption = 'Max. Wrong PIN Codes per Device';
            DataClassification = CustomerContent;
            InitValue = 20;
            MinValue = 5;
            MaxValue = 1000;
        }
        field(10; "Device Failure Window (Min.)"; Integer)
        {
            Caption = 'Device Window (Minutes)';
            DataClassification = CustomerContent;
            InitValue = 10;
            MinValue = 1;
            MaxValue = 1440;
        }
        field(11; "Admin. May Choose PIN Code"; Boolean)
        {
            Caption = 'Administrator May Choose PIN Code';
            DataClassification = CustomerContent;
            InitValue = true;
        }
    }

    keys
    {
        key(PK; "Primary Key")
        {
            Clustered = true;
        }
    }

    var
        LengthsErr: Label 'The min. length (%1) must not be more than the max. length (%2).', Comment = '%1 = min. length, %2 = max. length';

    /// <summary>The policy in force: the stored one, or the contract's defaults while none is stored.</summary>
    procedure GetPolicy()
    begin
        if not Get() then
            Init();
    end;

    local procedure CheckLengths()
    begin
        if "Min. Length" > "Max. Length" then
            Error(LengthsErr, "Min. Length", "Max. Length");
    end;
}
