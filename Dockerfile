# Build and publish with the SDK, run on the ASP.NET Core runtime image (listens on 8080).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY TodoDashboard/TodoDashboard.csproj TodoDashboard/
RUN dotnet restore TodoDashboard/TodoDashboard.csproj
COPY TodoDashboard/ TodoDashboard/
RUN dotnet publish TodoDashboard/TodoDashboard.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "TodoDashboard.dll"]
