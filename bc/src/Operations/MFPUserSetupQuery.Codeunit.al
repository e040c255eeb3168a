/// <summary>
/// GET userSetups: a page of setups in order, and how many match (the README, "The host contract"). The
/// query options are the contract's closed set, read exactly as the host core reads them (src/host/operations/reads.ts,
/// src/host/odata-filter.ts): $top (0 to 1000, default 50), $skip, $orderby (userId, displayName, resourceNo,
/// pinCodeStatus or pinCodeChangedAt, then asc or desc; ties by user ID), $count (true or false) and $filter. Anything
/// else is answered 400 BadRequest_Malformed in words that say where and why.
/// The $filter is parsed into comparisons and the way they are joined (and, or, not, parentheses, in reverse Polish
/// order, without recursion, so 450 parentheses deep is as good as one) and tested on each setup in the chosen order.
/// That keeps the contract's meaning exactly: not, or across any fields and nulls, which SetFilter and FilterGroup(-1)
/// express only in part. It reads every setup a page needs to find its matches: the hundreds or few thousands of users
/// a company has are read in a moment.
/// </summary>
codeunit 50147 "MFP User Setup Query"
{
    Access = Internal;
    InherentEntitlements = X;
    InherentPermissions = X;
    Permissions = tabledata "MFP User Setup" = r,
                  tabledata Resource = r;

    var
        TempFilterTerm: Record "MFP Filter Term" temporary;
        Projections: Codeunit "MFP Projections";
        Rpn: List of [Integer];
        TokenKinds: List of [Text];
        TokenTexts: List of [Text];
        TokenPositions: List of [Integer];
        QueryValues: Dictionary of [Text, Text];
        Now: DateTime;
        FilterProblem: Text;
        AndOperator: Integer;
        OrOperator: Integer;
        NotOperator: Integer;
        OpenParenthesis: Integer;
        WordTok: Label 'word', Locked = true;
        StringTok: Label 'string', Locked = true;
        DateTok: Label 'date', Locked = true;
        PunctuationTok: Label 'punct', Locked = true;
        QueryOptionsTok: Label '$top, $skip, $orderby, $filter, $count', Locked = true;
        SortFieldsTok: Label 'userId, displayName, resourceNo, pinCodeStatus, pinCodeChangedAt', Locked = true;
        TextFieldsTok: Label 'userId, displayName, resourceNo', Locked = true;
        AllFieldsTok: Label 'userId, displayName, resourceNo, pinCodeStatus, pinCodeChangedBy, passwordMandatory, allowPinCode, lockedUntil, pinCodeChangedAt, temporaryPinCodeExpiresAt', Locked = true;
        ComparisonsTok: Label 'eq, ne, gt, ge, lt, le', Locked = true;
        QueryHoldsErr: Label 'The query option %1 holds %2: a control character, which no query takes.', Comment = '%1 = option name, %2 = which character and where, e.g. U+0000 at 3';
        UnknownOptionErr: Label 'Unknown query option %1; use %2.', Comment = '%1 = option name, %2 = the options there are';
        WholeNumberErr: Label '%1 must be a whole number from 0 to %2.', Comment = '%1 = option name, %2 = maximum';
        OrderByErr: Label '$orderby must be one of %1, then asc or desc.', Comment = '%1 = the fields';
        CountErr: Label '$count must be true or false.';
        FilterTooLongErr: Label '$filter is longer than 1000 characters.';
        EmptyFilterErr: Label '$filter: empty; leave it out to filter nothing.';
        UnexpectedErr: Label '$filter: unexpected "%1" at position %2.', Comment = '%1 = the text found, %2 = position';
        ExpectedErr: Label '$filter: expected %1, found %2.', Comment = '%1 = what was expected, %2 = what was found';
        FoundAtTxt: Label '"%1" at position %2', Locked = true;
        TheEndTxt: Label 'the end';
        CannotBeFilteredErr: Label '$filter: %1 at position %2 cannot be filtered; use %3.', Comment = '%1 = field name, %2 = position, %3 = the fields there are';
        NotAComparisonErr: Label '$filter: %1 is not a comparison; use %2.', Comment = '%1 = the word found, %2 = the comparisons there are';
        OnlyEqualityErr: Label '$filter: %1 can only be compared with eq or ne.', Comment = '%1 = field name';
        NotADateErr: Label '$filter: %1 is not a date-time.', Comment = '%1 = the text found';
        NotAChoiceErr: Label '$filter: %1 is one of %2, not "%3".', Comment = '%1 = field name, %2 = its values, %3 = the value found';
        FieldOrCallTxt: Label 'a field name, contains(, not or (';
        FieldNameTxt: Label 'a field name';
        ComparisonTxt: Label 'eq, ne, gt, ge, lt or le';
        DateValueTxt: Label 'a date-time such as 2026-01-31T12:00:00Z, null or now()';
        TrueFalseTxt: Label 'true or false after %1 %2', Comment = '%1 = field name, %2 = comparison';
        TextValueTxt: Label 'a quoted text or null';
        ChoiceValueTxt: Label 'one of %1 in quotes', Comment = '%1 = the values there are';
        QuotedTextTxt: Label 'a quoted text such as ''anna''';
        NextTxt: Label 'and, or or the end';

    /// <summary>Answers GET userSetups for an administrator ("MFP Reads" has checked who asks).</summary>
    procedure ListUserSetups(var Request: Codeunit "MFP Request"; var Answer: Codeunit "MFP Answer")
    var
        UserSetup: Record "MFP User Setup";
        Result: JsonObject;
        Rows: JsonArray;
        OrderBy: Text;
        Top: Integer;
        Skip: Integer;
        Matched: Integer;
        Descending: Boolean;
        WithCount: Boolean;
        HasFilter: Boolean;
        KeepReading: Boolean;
    begin
        Now := Request.GetNow();
        if not ReadOptions(Request.GetQueryText(), Answer) then
            exit;
        if not ReadWholeNumber('$top', 50, 1000, Top, Answer) then
            exit;
        if not ReadWholeNumber('$skip', 0, 999999999, Skip, Answer) then
            exit;
        if not ReadOrderBy(OrderBy, Descending, Answer) then
            exit;
        if not ReadCount(WithCount, Answer) then
            exit;
        if not ReadFilter(HasFilter, Answer) then
            exit;

        SetOrder(UserSetup, OrderBy, Descending);
        // Read in order until the page is full, or to the end when the matches are to be counted.
        if (Top > 0) or (WithCount and HasFilter) then
            if UserSetup.FindSet() then
                repeat
                    if Matches(UserSetup) then begin
                        Matched += 1;
                        if (Matched > Skip) and (Matched - Skip <= Top) then
                            Rows.Add(Projections.UserSetupJson(UserSetup, Now));
                    end;
                    KeepReading := (WithCount and HasFilter) or (Matched < Skip + Top);
                until (not KeepReading) or (UserSetup.Next() = 0);
        if WithCount and not HasFilter then
            Matched := UserSetup.Count();
        Result.Add('value', Rows);
        if WithCount then
            Result.Add('@odata.count', Matched);
        Answer.Ok(Result);
    end;

    /// <summary>The options of the query, as URLSearchParams reads them: name=value pairs, + for a space, %-escapes.</summary>
    local procedure ReadOptions(QueryText: Text; var Answer: Codeunit "MFP Answer"): Boolean
    var
        Request: Codeunit "MFP Request";
        Pair: Text;
        Name: Text;
        Value: Text;
        ForbiddenAt: Text;
        Equals: Integer;
    begin
        foreach Pair in QueryText.Split('&') do
            if Pair <> '' then begin
                Equals := StrPos(Pair, '=');
                if Equals = 0 then begin
                    Name := Unescape(Pair);
                    Value := '';
                end else begin
                    Name := Unescape(CopyStr(Pair, 1, Equals - 1));
                    Value := Unescape(CopyStr(Pair, Equals + 1));
                end;
                if Request.FindForbiddenCharacter(Name + '=' + Value, ForbiddenAt) then
                    exit(Refuse(Answer, StrSubstNo(QueryHoldsErr, CopyStr(Name, 1, 40), ForbiddenAt)));
                if not (Name in ['$top', '$skip', '$orderby', '$filter', '$count']) then
                    exit(Refuse(Answer, StrSubstNo(UnknownOptionErr, CopyStr(Name, 1, 40), QueryOptionsTok)));
                if not QueryValues.ContainsKey(Name) then
                    QueryValues.Add(Name, Value);
            end;
        exit(true);
    end;

    local procedure ReadWholeNumber(Name: Text; DefaultValue: Integer; Maximum: Integer; var Value: Integer; var Answer: Codeunit "MFP Answer"): Boolean
    var
        Regex: Codeunit Regex;
        OptionText: Text;
    begin
        Value := DefaultValue;
        if not QueryValues.Get(Name, OptionText) then
            exit(true);
        if Regex.IsMatch(OptionText, '\A[0-9]{1,9}\z') then
            if Evaluate(Value, OptionText) then
                if Value <= Maximum then
                    exit(true);
        exit(Refuse(Answer, StrSubstNo(WholeNumberErr, Name, Maximum)));
    end;

    local procedure ReadOrderBy(var OrderBy: Text; var Descending: Boolean; var Answer: Codeunit "MFP Answer"): Boolean
    var
        Words: List of [Text];
        OptionText: Text;
        Word: Text;
    begin
        OrderBy := 'userId';
        if not QueryValues.Get('$orderby', OptionText) then
            exit(true);
        foreach Word in OptionText.Split(' ') do
            if Word <> '' then
                Words.Add(Word);
        if Words.Count() in [1, 2] then begin
            OrderBy := Words.Get(1);
            if Words.Count() = 2 then
                Word := Words.Get(2)
            else
                Word := 'asc';
            if (OrderBy in ['userId', 'displayName', 'resourceNo', 'pinCodeStatus', 'pinCodeChangedAt']) and (Word in ['asc', 'desc']) then begin
                Descending := Word = 'desc';
                exit(true);
            end;
        end;
        exit(Refuse(Answer, StrSubstNo(OrderByErr, SortFieldsTok)));
    end;

    local procedure ReadCount(var WithCount: Boolean; var Answer: Codeunit "MFP Answer"): Boolean
    var
        OptionText: Text;
    begin
        if not QueryValues.Get('$count', OptionText) then
            exit(true);
        if not (OptionText in ['true', 'false']) then
            exit(Refuse(Answer, CountErr));
        WithCount := OptionText = 'true';
        exit(true);
    end;

    local procedure ReadFilter(var HasFilter: Boolean; var Answer: Codeunit "MFP Answer"): Boolean
    var
        FilterText: Text;
    begin
        if not QueryValues.Get('$filter', FilterText) then
            exit(true);
        if StrLen(FilterText) > 1000 then
            exit(Refuse(Answer, FilterTooLongErr));
        if not ParseFilter(FilterText) then
            exit(Refuse(Answer, FilterProblem));
        HasFilter := true;
        exit(true);
    end;

    /// <summary>The order of the page, ties by user ID so that paging is stable; every key reversed for desc.</summary>
    local procedure SetOrder(var UserSetup: Record "MFP User Setup"; OrderBy: Text; Descending: Boolean)
    begin
        case OrderBy of
            'userId':
                UserSetup.SetCurrentKey("User ID");
            'displayName':
                UserSetup.SetCurrentKey("Display Name", "User ID");
            'resourceNo':
                UserSetup.SetCurrentKey("Resource No.", "User ID");
            'pinCodeStatus':
                UserSetup.SetCurrentKey("PIN Code Status", "PIN Code Changed At", "User ID");
            'pinCodeChangedAt':
                UserSetup.SetCurrentKey("PIN Code Changed At", "User ID");
        end;
        UserSetup.Ascending(not Descending);
    end;

    /// <summary>
    /// Parses the subset of OData $filter the contract documents for userSetups (src/host/odata-filter.ts):
    /// contains(userId,'x') or contains(displayName,'x'), eq/ne on text, status and yes/no fields, comparisons on dates
    /// (an ISO date-time, null or now()), joined with and, or, not and parentheses; not binds tighter than and, and than
    /// or. Shunting-yard into reverse Polish order; FilterProblem says where and why when it cannot.
    /// </summary>
    local procedure ParseFilter(Source: Text): Boolean
    var
        Operators: List of [Integer];
        Position: Integer;
        ExpectOperand: Boolean;
    begin
        AndOperator := -1;
        OrOperator := -2;
        NotOperator := -3;
        OpenParenthesis := -4;
        Clear(Rpn);
        TempFilterTerm.Reset();
        TempFilterTerm.DeleteAll();
        if not Tokenize(Source) then
            exit(false);
        if TokenKinds.Count() = 0 then
            exit(Fail(EmptyFilterErr));
        Position := 1;
        ExpectOperand := true;
        while Position <= TokenKinds.Count() do
            if ExpectOperand then begin
                if IsToken(Position, WordTok, 'not') then begin
                    Operators.Add(NotOperator);
                    Position += 1;
                end else
                    if IsToken(Position, PunctuationTok, '(') then begin
                        Operators.Add(OpenParenthesis);
                        Position += 1;
                    end else begin
                        if IsToken(Position, WordTok, 'contains') then begin
                            if not ParseContains(Position) then
                                exit(false);
                        end else
                            if not ParseComparison(Position) then
                                exit(false);
                        ExpectOperand := false;
                    end;
            end else
                if IsToken(Position, WordTok, 'and') then begin
                    PushBinary(Operators, AndOperator);
                    ExpectOperand := true;
                    Position += 1;
                end else
                    if IsToken(Position, WordTok, 'or') then begin
                        PushBinary(Operators, OrOperator);
                        ExpectOperand := true;
                        Position += 1;
                    end else
                        if IsToken(Position, PunctuationTok, ')') and Operators.Contains(OpenParenthesis) then begin
                            CloseParenthesis(Operators);
                            Position += 1;
                        end else
                            exit(Expected(NextTxt, Position));
        if ExpectOperand then
            exit(Expected(FieldOrCallTxt, Position));
        while Operators.Count() > 0 do begin
            if Operators.Get(Operators.Count()) = OpenParenthesis then
                exit(Expected(')', Position));
            Rpn.Add(Operators.Get(Operators.Count()));
            Operators.RemoveAt(Operators.Count());
        end;
        exit(true);
    end;

    /// <summary>A binary operator: what binds as tight or tighter before it goes first (not 3, and 2, or 1).</summary>
    local procedure PushBinary(var Operators: List of [Integer]; Operator: Integer)
    var
        Top: Integer;
        Stop: Boolean;
    begin
        while (Operators.Count() > 0) and not Stop do begin
            Top := Operators.Get(Operators.Count());
            Stop := (Top = OpenParenthesis) or (Precedence(Top) < Precedence(Operator));
            if not Stop then begin
                Rpn.Add(Top);
                Operators.RemoveAt(Operators.Count());
            end;
        end;
        Operators.Add(Operator);
    end;

    local procedure CloseParenthesis(var Operators: List of [Integer])
    var
        Top: Integer;
    begin
        repeat
            Top := Operators.Get(Operators.Count());
            Operators.RemoveAt(Operators.Count());
            if Top <> OpenParenthesis then
                Rpn.Add(Top);
        until Top = OpenParenthesis;
    end;

    local procedure Precedence(Operator: Integer): Integer
    begin
        case Operator of
            NotOperator:
                exit(3);
            AndOperator:
                exit(2);
            OrOperator:
                exit(1);
        end;
        exit(0);
    end;

    /// <summary>contains(field,'text'): a text field holds the text, compared folded (lower case, no accents).</summary>
    local procedure ParseContains(var Position: Integer): Boolean
    var
        FieldName: Text;
        Needle: Text;
    begin
        Position += 1;
        if not Take(Position, PunctuationTok, '(') then
            exit(Expected('( after contains', Position));
        if not TakeAny(Position, WordTok, FieldName) then
            exit(Expected(FieldNameTxt, Position));
        if not (FieldName in ['userId', 'displayName', 'resourceNo']) then
            exit(Fail(StrSubstNo(CannotBeFilteredErr, FieldName, TokenPositions.Get(Position - 1), TextFieldsTok)));
        if not Take(Position, PunctuationTok, ',') then
            exit(Expected(',', Position));
        if not TakeAny(Position, StringTok, Needle) then
            exit(Expected(QuotedTextTxt, Position));
        if not Take(Position, PunctuationTok, ')') then
            exit(Expected(')', Position));
        AddTerm('contains', FieldName, '');
        TempFilterTerm."Text Value" := CopyStr(SearchFold(Needle), 1, MaxStrLen(TempFilterTerm."Text Value"));
        TempFilterTerm.Modify();
        exit(true);
    end;

    /// <summary>field op value: the value's kind follows from the field's.</summary>
    local procedure ParseComparison(var Position: Integer): Boolean
    var
        FieldName: Text;
        Operator: Text;
        Value: Text;
        Moment: DateTime;
    begin
        if not TakeAny(Position, WordTok, FieldName) then
            exit(Expected(FieldOrCallTxt, Position));
        if not IsFilterField(FieldName) then
            exit(Fail(StrSubstNo(CannotBeFilteredErr, FieldName, TokenPositions.Get(Position - 1), AllFieldsTok)));
        if not TakeAny(Position, WordTok, Operator) then
            exit(Expected(ComparisonTxt, Position));
        if not (Operator in ['eq', 'ne', 'gt', 'ge', 'lt', 'le']) then
            exit(Fail(StrSubstNo(NotAComparisonErr, Operator, ComparisonsTok)));

        if FieldName in ['lockedUntil', 'pinCodeChangedAt', 'temporaryPinCodeExpiresAt'] then begin
            AddTerm('date', FieldName, Operator);
            if Take(Position, WordTok, 'null') then
                TempFilterTerm."Is Null" := true
            else
                if Take(Position, WordTok, 'now') then begin
                    if not Take(Position, PunctuationTok, '(') then
                        exit(Expected('( after now', Position));
                    if not Take(Position, PunctuationTok, ')') then
                        exit(Expected(')', Position));
                    TempFilterTerm."Is Now" := true;
                end else begin
                    if not TakeAny(Position, DateTok, Value) then
                        exit(Expected(DateValueTxt, Position));
                    if not ParseDateTime(Value, Moment) then
                        exit(Fail(StrSubstNo(NotADateErr, Value)));
                    TempFilterTerm."Date Value" := Moment;
                end;
            TempFilterTerm.Modify();
            exit(true);
        end;

        if not (Operator in ['eq', 'ne']) then
            exit(Fail(StrSubstNo(OnlyEqualityErr, FieldName)));
        if FieldName in ['passwordMandatory', 'allowPinCode'] then begin
            AddTerm('boolean', FieldName, Operator);
            if Take(Position, WordTok, 'true') then
                TempFilterTerm."Boolean Value" := true
            else
                if not Take(Position, WordTok, 'false') then
                    exit(Expected(StrSubstNo(TrueFalseTxt, FieldName, Operator), Position));
            TempFilterTerm.Modify();
            exit(true);
        end;

        AddTerm('text', FieldName, Operator);
        if Take(Position, WordTok, 'null') then
            TempFilterTerm."Is Null" := true
        else begin
            if not TakeAny(Position, StringTok, Value) then begin
                if FieldName in ['userId', 'displayName', 'resourceNo'] then
                    exit(Expected(TextValueTxt, Position));
                exit(Expected(StrSubstNo(ChoiceValueTxt, ChoicesOf(FieldName)), Position));
            end;
            if not (FieldName in ['userId', 'displayName', 'resourceNo']) then
                if not ChoicesOf(FieldName).Split(', ').Contains(Value) then
                    exit(Fail(StrSubstNo(NotAChoiceErr, FieldName, ChoicesOf(FieldName), CopyStr(Value, 1, 40))));
            TempFilterTerm."Text Value" := CopyStr(Value, 1, MaxStrLen(TempFilterTerm."Text Value"));
        end;
        TempFilterTerm.Modify();
        exit(true);
    end;

    local procedure IsFilterField(FieldName: Text): Boolean
    begin
        exit(FieldName in ['userId', 'displayName', 'resourceNo', 'pinCodeStatus', 'pinCodeChangedBy',
                           'passwordMandatory', 'allowPinCode', 'lockedUntil', 'pinCodeChangedAt', 'temporaryPinCodeExpiresAt']);
    end;

    local procedure ChoicesOf(FieldName: Text): Text
    begin
        if FieldName = 'pinCodeStatus' then
            exit('notSet, temporary, set');
        exit('user, administrator');
    end;

    local procedure AddTerm(Kind: Text; FieldName: Text; Operator: Text)
    begin
        TempFilterTerm.Init();
        TempFilterTerm."Entry No." := TempFilterTerm.Count() + 1;
        TempFilterTerm.Kind := CopyStr(Kind, 1, MaxStrLen(TempFilterTerm.Kind));
        TempFilterTerm."Field Name" := CopyStr(FieldName, 1, MaxStrLen(TempFilterTerm."Field Name"));
        TempFilterTerm.Operator := CopyStr(Operator, 1, MaxStrLen(TempFilterTerm.Operator));
        TempFilterTerm.Insert();
        Rpn.Add(TempFilterTerm."Entry No.");
    end;

    /// <summary>
    /// Splits a $filter into words, quoted texts ('' for a quote), date-times, and ( ) , as the host core's tokenizer:
    /// whitespace between tokens; anything else is unexpected.
    /// </summary>
    local procedure Tokenize(Source: Text): Boolean
    var
        Position: Integer;
        Start: Integer;
        Length: Integer;
        Character: Char;
        Unquoted: Text;
        Closed: Boolean;
    begin
        Clear(TokenKinds);
        Clear(TokenTexts);
        Clear(TokenPositions);
        Length := StrLen(Source);
        Position := 1;
        while Position <= Length do begin
            Character := Source[Position];
            Start := Position;
            case true of
                IsWhitespace(Character):
                    Position += 1;
                IsDigit(Character):
                    begin
                        Position := DateTimeEnd(Source, Position);
                        if Position = Start then
                            exit(Fail(StrSubstNo(UnexpectedErr, CopyStr(Source, Start, 12), Start)));
                        AddToken(DateTok, CopyStr(Source, Start, Position - Start), Start);
                    end;
                IsLetter(Character) or (Character = '_'):
                    begin
                        while IsWordCharacter(Source, Position) do
                            Position += 1;
                        AddToken(WordTok, CopyStr(Source, Start, Position - Start), Start);
                    end;
                Character = '''':
                    begin
                        Unquoted := '';
                        Closed := false;
                        Position += 1;
                        while (Position <= Length) and not Closed do
                            if not IsCharacter(Source, Position, '''') then begin
                                Unquoted += CopyStr(Source, Position, 1);
                                Position += 1;
                            end else
                                if IsCharacter(Source, Position + 1, '''') then begin
                                    Unquoted += '''';
                                    Position += 2;
                                end else begin
                                    Closed := true;
                                    Position += 1;
                                end;
                        if not Closed then
                            exit(Fail(StrSubstNo(UnexpectedErr, CopyStr(Source, Start, 12), Start)));
                        AddToken(StringTok, Unquoted, Start);
                    end;
                Character in ['(', ')', ',']:
                    begin
                        AddToken(PunctuationTok, Format(Character), Start);
                        Position += 1;
                    end;
                else
                    exit(Fail(StrSubstNo(UnexpectedErr, CopyStr(Source, Start, 12), Start)));
            end;
        end;
        exit(true);
    end;

    /// <summary>
    /// ForbiddenAt a date-time token that starts at Start ends (one past it), as the host core's pattern
    /// \d{4}-\d{2}-\d{2}T[0-9:.]+(Z|[+-]\d{2}:\d{2}); Start itself when there is none.
    /// </summary>
    local procedure DateTimeEnd(Source: Text; Start: Integer): Integer
    var
        Regex: Codeunit Regex;
        Position: Integer;
        Length: Integer;
    begin
        Length := StrLen(Source);
        if Start + 10 > Length then
            exit(Start);
        if not Regex.IsMatch(CopyStr(Source, Start, 11), '\A[0-9]{4}-[0-9]{2}-[0-9]{2}T\z') then
            exit(Start);
        Position := Start + 11;
        while IsTimeCharacter(Source, Position) do
            Position += 1;
        if Position = Start + 11 then
            exit(Start);
        if IsCharacter(Source, Position, 'Z') then
            exit(Position + 1);
        if Regex.IsMatch(CopyStr(Source, Position, 6), '\A[+-][0-9]{2}:[0-9]{2}\z') then
            exit(Position + 6);
        exit(Start);
    end;

    /// <summary>An ISO date-time of the filter as a moment; hh:mm without seconds is read as hh:mm:00, as JavaScript does.</summary>
    local procedure ParseDateTime(Value: Text; var Moment: DateTime): Boolean
    var
        Regex: Codeunit Regex;
    begin
        if Regex.IsMatch(Value, '\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(Z|[+-])') then
            Value := CopyStr(Value, 1, 16) + ':00' + CopyStr(Value, 17);
        exit(Evaluate(Moment, Value, 9));
    end;

    local procedure AddToken(Kind: Text; TokenText: Text; Position: Integer)
    begin
        TokenKinds.Add(Kind);
        TokenTexts.Add(TokenText);
        TokenPositions.Add(Position);
    end;

    local procedure IsToken(Position: Integer; Kind: Text; TokenText: Text): Boolean
    begin
        if Position > TokenKinds.Count() then
            exit(false);
        if TokenKinds.Get(Position) <> Kind then
            exit(false);
        exit(TokenTexts.Get(Position) = TokenText);
    end;

    /// <summary>Takes the token at Position when it is Kind and TokenText.</summary>
    local procedure Take(var Position: Integer; Kind: Text; TokenText: Text): Boolean
    begin
        if not IsToken(Position, Kind, TokenText) then
            exit(false);
        Position += 1;
        exit(true);
    end;

    /// <summary>Takes the token at Position, whatever its text, when it is Kind.</summary>
    local procedure TakeAny(var Position: Integer; Kind: Text; var TokenText: Text): Boolean
    begin
        if Position > TokenKinds.Count() then
            exit(false);
        if TokenKinds.Get(Position) <> Kind then
            exit(false);
        TokenText := TokenTexts.Get(Position);
        Position += 1;
        exit(true);
    end;

    local procedure Expected(What: Text; Position: Integer): Boolean
    var
        Found: Text;
    begin
        if Position > TokenKinds.Count() then
            Found := TheEndTxt
        else
            Found := StrSubstNo(FoundAtTxt, CopyStr(TokenTexts.Get(Position), 1, 40), TokenPositions.Get(Position));
        exit(Fail(StrSubstNo(ExpectedErr, What, Found)));
    end;

    local procedure Fail(Problem: Text): Boolean
    begin
        FilterProblem := Problem;
        exit(false);
    end;

    /// <summary>Whether the setup matches the parsed filter: the reverse Polish order evaluated on a stack.</summary>
    local procedure Matches(UserSetup: Record "MFP User Setup"): Boolean
    var
        Stack: List of [Boolean];
        Item: Integer;
        Left: Boolean;
        Right: Boolean;
    begin
        if Rpn.Count() = 0 then
            exit(true);
        foreach Item in Rpn do
            case Item of
                NotOperator:
                    begin
                        Right := Stack.Get(Stack.Count());
                        Stack.Set(Stack.Count(), not Right);
                    end;
                AndOperator, OrOperator:
                    begin
                        Right := Stack.Get(Stack.Count());
                        Stack.RemoveAt(Stack.Count());
                        Left := Stack.Get(Stack.Count());
                        if Item = AndOperator then
                            Stack.Set(Stack.Count(), Left and Right)
                        else
                            Stack.Set(Stack.Count(), Left or Right);
                    end;
                else
                    Stack.Add(TermMatches(Item, UserSetup));
            end;
        exit(Stack.Get(1));
    end;

    /// <summary>
    /// One comparison on one setup. Every comparison is two-valued: a null field makes it false, except ne, which holds
    /// for a null field (as null !== value does), so that not means what it says.
    /// </summary>
    local procedure TermMatches(EntryNo: Integer; UserSetup: Record "MFP User Setup"): Boolean
    var
        FieldText: Text;
        FieldMoment: DateTime;
        Value: DateTime;
        FieldBoolean: Boolean;
        FieldIsNull: Boolean;
    begin
        TempFilterTerm.Get(EntryNo);
        case TempFilterTerm.Kind of
            'contains':
                begin
                    if TempFilterTerm."Text Value" = '' then
                        exit(true);
                    TextOf(UserSetup, TempFilterTerm."Field Name", FieldText, FieldIsNull);
                    exit(StrPos(SearchFold(FieldText), TempFilterTerm."Text Value") > 0);
                end;
            'boolean':
                begin
                    if TempFilterTerm."Field Name" = 'passwordMandatory' then
                        FieldBoolean := UserSetup."Password Mandatory"
                    else
                        FieldBoolean := UserSetup."Allow PIN Code";
                    exit((FieldBoolean = TempFilterTerm."Boolean Value") = (TempFilterTerm.Operator = 'eq'));
                end;
            'text':
                begin
                    TextOf(UserSetup, TempFilterTerm."Field Name", FieldText, FieldIsNull);
                    if TempFilterTerm."Is Null" then
                        exit(FieldIsNull = (TempFilterTerm.Operator = 'eq'));
                    if TempFilterTerm.Operator = 'eq' then
                        exit((not FieldIsNull) and (FieldText = TempFilterTerm."Text Value"));
                    exit(FieldIsNull or (FieldText <> TempFilterTerm."Text Value"));
                end;
            'date':
                begin
                    FieldMoment := MomentOf(UserSetup, TempFilterTerm."Field Name");
                    if TempFilterTerm."Is Null" then
                        case TempFilterTerm.Operator of
                            'eq':
                                exit(FieldMoment = 0DT);
                            'ne':
                                exit(FieldMoment <> 0DT);
                            else
                                exit(false);
                        end;
                    Value := TempFilterTerm."Date Value";
                    if TempFilterTerm."Is Now" then
                        Value := Now;
                    if TempFilterTerm.Operator = 'ne' then
                        exit((FieldMoment = 0DT) or (FieldMoment <> Value));
                    if FieldMoment = 0DT then
                        exit(false);
                    case TempFilterTerm.Operator of
                        'eq':
                            exit(FieldMoment = Value);
                        'gt':
                            exit(FieldMoment > Value);
                        'ge':
                            exit(FieldMoment >= Value);
                        'lt':
                            exit(FieldMoment < Value);
                        'le':
                            exit(FieldMoment <= Value);
                    end;
                end;
        end;
        exit(false);
    end;

    /// <summary>A text or choice field of the setup as the contract names its values; null for none.</summary>
    local procedure TextOf(UserSetup: Record "MFP User Setup"; FieldName: Text; var Value: Text; var IsNull: Boolean)
    begin
        case FieldName of
            'userId':
                Value := UserSetup."User ID";
            'displayName':
                Value := UserSetup."Display Name";
            'resourceNo':
                Value := UserSetup."Resource No.";
            'pinCodeStatus':
                Value := Projections.StatusName(UserSetup."PIN Code Status");
            'pinCodeChangedBy':
                Value := Projections.ChangedByName(UserSetup."PIN Code Changed By");
        end;
        IsNull := (Value = '') and (FieldName in ['resourceNo', 'pinCodeChangedBy']);
    end;

    local procedure MomentOf(UserSetup: Record "MFP User Setup"; FieldName: Text): DateTime
    begin
        case FieldName of
            'lockedUntil':
                exit(UserSetup."Locked Until");
            'pinCodeChangedAt':
                exit(UserSetup."PIN Code Changed At");
            'temporaryPinCodeExpiresAt':
                exit(UserSetup."Temporary Expires At");
        end;
    end;

    /// <summary>
    /// Text as contains compares it (the host core's searchFold): lower case, without accents, so that "soren" finds
    /// "Søren". AL has no Unicode normalization: the Latin letters with marks are mapped here one by one, the letters
    /// that do not come apart (ø, æ, œ, ß, đ, ł, ı) spelled as a search types them, and combining marks dropped.
    /// </summary>
    procedure SearchFold(Value: Text) Folded: Text
    var
        Position: Integer;
        CharacterCode: Integer;
    begin
        Value := LowerCase(Value);
        Value := ConvertStr(Value,
            'àáâãäåāăąǎçćĉċčďèéêëēĕėęěìíîïĩīĭįǐñńņňòóôõöōŏőǒùúûüũūŭůűųǔýÿŷĝğġģĥĵķĺļľŕŗřśŝşšţťŵźżžøđłı',
            'aaaaaaaaaacccccdeeeeeeeeeiiiiiiiiinnnnooooooooouuuuuuuuuuuyyygggghjklllrrrssssttwzzzodli');
        Value := Value.Replace('æ', 'ae').Replace('œ', 'oe').Replace('ß', 'ss');
        for Position := 1 to StrLen(Value) do begin
            CharacterCode := Value[Position];
            if (CharacterCode < 768) or (CharacterCode > 879) then
                Folded += CopyStr(Value, Position, 1);
        end;
    end;

    local procedure Unescape(Value: Text): Text
    var
        Uri: Codeunit Uri;
    begin
        exit(Uri.UnescapeDataString(Value.Replace('+', ' ')));
    end;

    local procedure IsWhitespace(Character: Char): Boolean
    var
        CharacterCode: Integer;
    begin
        CharacterCode := Character;
        exit((CharacterCode in [9 .. 13, 32, 160, 5760, 8232, 8233, 8239, 8287, 12288, 65279]) or
             ((CharacterCode >= 8192) and (CharacterCode <= 8202)));
    end;

    local procedure IsDigit(Character: Char): Boolean
    begin
        exit(Character in ['0' .. '9']);
    end;

    local procedure IsLetter(Character: Char): Boolean
    begin
        exit(Character in ['A' .. 'Z', 'a' .. 'z']);
    end;

    /// <summary>Whether Source has a letter, digit or _ at Position (false past its end).</summary>
    local procedure IsWordCharacter(Source: Text; Position: Integer): Boolean
    var
        Character: Char;
    begin
        if Position > StrLen(Source) then
            exit(false);
        Character := Source[Position];
        exit(IsLetter(Character) or IsDigit(Character) or (Character = '_'));
    end;

    /// <summary>Whether Source has a digit, : or . at Position (false past its end).</summary>
    local procedure IsTimeCharacter(Source: Text; Position: Integer): Boolean
    begin
        if Position > StrLen(Source) then
            exit(false);
        exit(Source[Position] in ['0' .. '9', ':', '.']);
    end;

    /// <summary>Whether Source has Character at Position (false past its end).</summary>
    local procedure IsCharacter(Source: Text; Position: Integer; Character: Char): Boolean
    begin
        if Position > StrLen(Source) then
            exit(false);
        exit(Source[Position] = Character);
    end;

    local procedure Refuse(var Answer: Codeunit "MFP Answer"; Message: Text): Boolean
    begin
        Answer.Refuse("MFP Error Code"::BadRequest_Malformed, Message);
        exit(false);
    end;
}
