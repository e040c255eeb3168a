/// <summary>
/// The credential on a Resource card: the hash of the current PIN code and of the user's earlier ones, never a code.
/// Each hash names its scheme, as every host writes it: `$hmac-sha256$<salt>$<mac>` here (the one scheme AL can
/// compute), `$argon2id$...` where a server host wrote it. All of a user's hashes share the user's salt
/// ("MFP PIN Hasher"). No page shows this table; users reach it only through the contract's codeunits, by indirect
/// permission (the permission sets).
/// </summary>
table 50141 "MFP Credential"
{
    Access = Internal;
    Caption = 'Mobile Flow PIN Credential';
    DataClassification = CustomerContent;

    fields
    {
        field(1; "Resource No."; Code[20])
        {
            Caption = 'Resource No.';
            DataClassification = CustomerContent;
            TableRelation = Resource."No.";
        }
        field(2; Salt; Text[24])
        {
            Caption = 'Salt';
            DataClassification = CustomerContent;
        }
        field(3; "PIN Code Hash"; Text[250])
        {
            Caption = 'PIN Code Hash';
            DataClassification = CustomerContent;
        }
        field(4; "Is Temporary"; Boolean)
        {
            Caption = 'Is Temporary';
            DataClassification = CustomerContent;
        }
        field(5; "Expires At"; DateTime)
        {
            Caption = 'Expires At';
            DataClassification = CustomerContent;
        }
        field(6; "Previous Hashes"; Blob)
        {
            Caption = 'Previous Hashes';
            DataClassification = CustomerContent;
        }
    }

    keys
    {
        key(PK; "Resource No.")
        {
            Clustered = true;
        }
    }

    /// <summary>
    /// The hashes of the user's earlier own PIN codes, newest first. Whoever reads the record loads the blob
    /// (SetAutoCalcFields): this only reads the record in memory.
    /// </summary>
    procedure GetPreviousHashes(var Hashes: List of [Text])
    var
        Items: JsonArray;
        Item: JsonToken;
        Reader: InStream;
    begin
        Clear(Hashes);
        if not "Previous Hashes".HasValue() then
            exit;
        "Previous Hashes".CreateInStream(Reader, TextEncoding::UTF8);
        if not Items.ReadFrom(Reader) then
            exit;
        foreach Item in Items do
            Hashes.Add(Item.AsValue().AsText());
    end;

    /// <summary>Stores the hashes of the user's earlier own PIN codes, newest first.</summary>
    procedure SetPreviousHashes(Hashes: List of [Text])
    var
        Items: JsonArray;
        Writer: OutStream;
        Hash: Text;
    begin
        foreach Hash in Hashes do
            Items.Add(Hash);
        "Previous Hashes".CreateOutStream(Writer, TextEncoding::UTF8);
        Items.WriteTo(Writer);
    end;
}
