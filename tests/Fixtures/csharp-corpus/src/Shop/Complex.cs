namespace Shop;

/// <summary>Complex.</summary>
public static class Complex
{
    /// <summary>Branchy.</summary>
    public static int Branchy(int x) // expect RBCS501
    {
        var y = 0;
        if (x == 0) y++;
        if (x == 1) y++;
        if (x == 2) y++;
        if (x == 3) y++;
        if (x == 4) y++;
        if (x == 5) y++;
        if (x == 6) y++;
        if (x == 7) y++;
        if (x == 8) y++;
        if (x == 9) y++;
        if (x == 10) y++;
        return y;
    }

    /// <summary>Simple.</summary>
    public static int Simple(int x) => x switch { 1 => 2, 2 => 3, _ => 0 };

    /// <summary>Deep.</summary>
    public static int Deep(int[][] rows) // expect RBCS502
    {
        var n = 0;
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                if (cell > 0)
                {
                    while (n < cell)
                    {
                        if (n % 2 == 0)
                        {
                            n++;
                        }

                        n++;
                    }
                }
            }
        }

        return n;
    }

    /// <summary>Long.</summary>
    public static int Long(int x) // expect RBCS801
    {
        var total = x;
        total += 0;
        total += 1;
        total += 2;
        total += 3;
        total += 4;
        total += 5;
        total += 6;
        total += 7;
        total += 8;
        total += 9;
        total += 10;
        total += 11;
        total += 12;
        total += 13;
        total += 14;
        total += 15;
        total += 16;
        total += 17;
        total += 18;
        total += 19;
        total += 20;
        total += 21;
        total += 22;
        total += 23;
        total += 24;
        total += 25;
        total += 26;
        total += 27;
        total += 28;
        total += 29;
        total += 30;
        total += 31;
        total += 32;
        total += 33;
        total += 34;
        total += 35;
        total += 36;
        total += 37;
        total += 38;
        total += 39;
        total += 40;
        total += 41;
        total += 42;
        total += 43;
        total += 44;
        total += 45;
        total += 46;
        total += 47;
        total += 48;
        total += 49;
        total += 50;
        total += 51;
        total += 52;
        total += 53;
        total += 54;
        total += 55;
        total += 56;
        total += 57;
        total += 58;
        total += 59;
        total += 60;
        return total;
    }
}
