/// <summary>
/// Carries one request envelope into "MFP Request Worker" and its answer envelope back out (Codeunit.Run passes one
/// record). Temporary: it lives only for one call of "MFP Contract".Handle.
/// </summary>
table 50147 "MFP Envelope Buffer"
{
    Access = Internal;
    Caption = 'Mobile Flow Envelope Buffer';
    DataClassification = SystemMetadata;
    TableType = Temporary;

    fields
    {
        field(1; "Entry No."; Integer)
        {
            Caption = 'Entry No.';
            DataClassification = SystemMetadata;
        }
        field(2; "Request Json"; Blob)
        {
            Caption = 'Request Json';
            DataClassification = CustomerContent;
        }
        field(3; "Answer Json"; Blob)
        {
            Caption = 'Answer Json';
            DataClassification = CustomerContent;
        }
    }

    keys
    {
        key(PK; "Entry No.")
        {
            Clustered = true;
        }
    }

    procedure GetRequestJson(): Text
    begin
        exit(ReadBlob(FieldNo("Request Json")));
    end;

    procedure SetRequestJson(RequestJson: Text)
    var
        Writer: OutStream;
    begin
        "Request Json".CreateOutStream(Writer, TextEncoding::UTF8);
        Writer.WriteText(RequestJson);
    end;

    procedure GetAnswerJson(): Text
    begin
        exit(ReadBlob(FieldNo("Answer Json")));
    end;

    procedure SetAnswerJson(AnswerJson: Text)
    var
        Writer: OutStream;
    begin
        "Answer Json".CreateOutStream(Writer, TextEncoding::UTF8);
        Writer.WriteText(AnswerJson);
    end;

    local procedure ReadBlob(FieldNumber: Integer) Content: Text
    var
        TypeHelper: Codeunit "Type Helper";
        Reader: InStream;
    begin
        if FieldNumber = FieldNo("Request Json") then begin
            CalcFields("Request Json");
            "Request Json".CreateInStream(Reader, TextEncoding::UTF8);
        end else begin
            CalcFields("Answer Json");
            "Answer Json".CreateInStream(Reader, TextEncoding::UTF8);
        end;
        Content := TypeHelper.ReadAsTextWithSeparator(Reader, TypeHelper.LFSeparator());
    end;
}
